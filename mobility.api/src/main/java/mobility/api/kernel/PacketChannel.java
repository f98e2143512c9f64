package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** A file descriptor that packets are read from in batches: a packet socket, a raw socket or a TUN device. */
@ProviderType
public interface PacketChannel extends AutoCloseable {

    /** A batch sized for this channel; use it from one thread at a time. */
    PacketBatch newBatch(int capacity, int bufferSize);

    /**
     * Fills {@code batch} with what is queued, waiting up to {@code timeoutMillis} for the first packet (0: do not
     * wait). Returns how many packets arrived (0 when none came in time).
     */
    int receive(PacketBatch batch, int timeoutMillis);

    /** Packets the kernel dropped because this channel's queue was full, since it opened (0 where not known). */
    long dropped();

    @Override
    void close();
}
