package mobility.netlink.socket;

import java.nio.ByteBuffer;
import java.util.Collection;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketChannel;

/** A non-blocking file descriptor read in batches; waiting is poll(2) with a timeout, so closing never hangs. */
abstract class NativeChannel implements PacketChannel {

    private static final int POLLFD = 8;

    final int fd;
    private final String name;
    private final ByteBuffer pollFd = Sys.allocate(POLLFD);
    private final long pollFdAddress = Sys.address(pollFd);
    private volatile boolean closed;

    NativeChannel(int fd, String name) {
        this.fd = fd;
        this.name = name;
        pollFd.putInt(0, fd);
        pollFd.putShort(4, Sys.POLLIN);
    }

    @Override
    public PacketBatch newBatch(int capacity, int bufferSize, int headroom) {
        return new NativeBatch(capacity, bufferSize, headroom);
    }

    static NativeBatch nativeBatch(PacketBatch batch) {
        if (batch instanceof NativeBatch b) {
            return b;
        }
        throw new IllegalArgumentException("a batch from this channel's newBatch is needed, not " + batch);
    }

    /** Waits until the descriptor is readable; false when the time ran out (or the channel closed). */
    boolean await(int timeoutMillis) {
        if (timeoutMillis <= 0 || closed) {
            return false;
        }
        pollFd.putShort(6, (short) 0);
        int ready = Sys.LIB.poll(pollFdAddress, 1, timeoutMillis);
        if (ready < 0 && Sys.errno() != Sys.EINTR) {
            throw failure("poll");
        }
        return ready > 0;
    }

    /** poll(2) over several channels of this package. */
    static boolean awaitAny(Collection<? extends PacketChannel> channels, int timeoutMillis) {
        ByteBuffer fds = Sys.allocate(Math.max(1, channels.size()) * POLLFD);
        int n = 0;
        for (PacketChannel c : channels) {
            if (!(c instanceof NativeChannel nc)) {
                throw new IllegalArgumentException("not a channel of this bundle: " + c);
            }
            fds.putInt(n * POLLFD, nc.fd);
            fds.putShort(n * POLLFD + 4, Sys.POLLIN);
            n++;
        }
        int ready = Sys.LIB.poll(Sys.address(fds), n, timeoutMillis);
        if (ready < 0 && Sys.errno() != Sys.EINTR) {
            throw new KernelException("poll", Sys.errno(), "");
        }
        return ready > 0;
    }

    KernelException failure(String call) {
        return new KernelException(call + " on " + name, Sys.errno(), "");
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Sys.LIB.close(fd);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
