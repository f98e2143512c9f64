package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** A file descriptor that packets are read from in batches: a packet socket, a raw socket or a TUN device. */
@ProviderType
public interface PacketChannel extends AutoCloseable {

    /** A batch sized for this channel; use it from one thread at a time. */
    default PacketBatch newBatch(int capacity, int bufferSize) {
        return newBatch(capacity, bufferSize, 0);
    }

    /**
     * A batch whose packets are received {@code headroom} bytes into their buffers (position = headroom after a
     * receive), so that a header can be put in front of a packet without copying it. A batch of one channel may be
     * sent or written through another of this bundle's channels.
     */
    PacketBatch newBatch(int capacity, int bufferSize, int headroom);

    /**
     * Fills {@code batch} with what is queued, waiting up to {@code timeoutMillis} for the first packet (0: do not
     * wait). Returns how many packets arrived (0 when none came in time).
     */
    int receive(PacketBatch batch, int timeoutMillis);

    /**
     * Makes a {@link #receive} that waits return at once (or the next one, if none waits), with what is queued,
     * perhaps nothing: how the thread that reads a channel is told to stop without waiting out its timeout.
     */
    void wakeUp();

    /** Packets the kernel dropped because this channel's queue was full, since it opened (0 where not known). */
    long dropped();

    @Override
    void close();
}
