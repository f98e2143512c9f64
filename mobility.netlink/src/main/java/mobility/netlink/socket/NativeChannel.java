package mobility.netlink.socket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketChannel;

/**
 * A non-blocking file descriptor read in batches; waiting is poll(2) with a timeout, so closing never hangs, and on an
 * eventfd beside it, so that {@link #wakeUp()} ends a wait at once: a thread that owns the channel stops when told,
 * not at its poll's next timeout (a mobile node closing its last tunnel waited that long before it could deregister).
 */
abstract class NativeChannel implements PacketChannel {

    private static final int POLLFD = 8;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    final int fd;
    private final int wake;
    private final String name;
    private final ByteBuffer pollFd = Sys.allocate(2 * POLLFD);
    private final long pollFdAddress = Sys.address(pollFd);
    /** The eventfd's 8-byte counter: written to wake, read to re-arm. */
    private final ByteBuffer counter = Sys.allocate(8);
    private final long counterAddress = Sys.address(counter);
    private volatile boolean closed;

    NativeChannel(int fd, String name) {
        this.fd = fd;
        this.name = name;
        this.wake = Sys.LIB.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (wake < 0) {
            KernelException e = new KernelException("eventfd for " + name, Sys.errno(), "");
            Sys.LIB.close(fd);
            throw e;
        }
        pollFd.putInt(0, fd);
        pollFd.putShort(4, Sys.POLLIN);
        pollFd.putInt(POLLFD, wake);
        pollFd.putShort(POLLFD + 4, Sys.POLLIN);
    }

    /** Ends a receive that waits (or the next one) at once, with what is queued, perhaps nothing. */
    @Override
    public void wakeUp() {
        if (!closed) {
            ByteBuffer one = Sys.allocate(8);
            one.putLong(0, 1);
            Sys.LIB.write(wake, Sys.address(one), 8);
        }
    }

    /** Re-arms the eventfd after it woke a wait. */
    private void drainWake() {
        Sys.LIB.read(wake, counterAddress, 8);
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
        pollFd.putShort(POLLFD + 6, (short) 0);
        int ready = Sys.LIB.poll(pollFdAddress, 2, timeoutMillis);
        if (ready < 0 && Sys.errno() != Sys.EINTR) {
            throw failure("poll");
        }
        if (ready > 0 && pollFd.getShort(POLLFD + 6) != 0) {
            drainWake();
        }
        return ready > 0;
    }

    /** poll(2) over several channels of this package. */
    static boolean awaitAny(Collection<? extends PacketChannel> channels, int timeoutMillis) {
        ByteBuffer fds = Sys.allocate(Math.max(1, 2 * channels.size()) * POLLFD);
        List<NativeChannel> channelsPolled = new ArrayList<>(channels.size());
        int n = 0;
        for (PacketChannel c : channels) {
            if (!(c instanceof NativeChannel nc)) {
                throw new IllegalArgumentException("not a channel of this bundle: " + c);
            }
            channelsPolled.add(nc);
            for (int descriptor : new int[] {nc.fd, nc.wake}) {
                fds.putInt(n * POLLFD, descriptor);
                fds.putShort(n * POLLFD + 4, Sys.POLLIN);
                n++;
            }
        }
        int ready = Sys.LIB.poll(Sys.address(fds), n, timeoutMillis);
        if (ready < 0 && Sys.errno() != Sys.EINTR) {
            throw new KernelException("poll", Sys.errno(), "");
        }
        for (int i = 0; ready > 0 && i < channelsPolled.size(); i++) {
            if (fds.getShort((2 * i + 1) * POLLFD + 6) != 0) {
                channelsPolled.get(i).drainWake();
            }
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
            wakeUp();
            closed = true;
            Sys.LIB.close(fd);
            Sys.LIB.close(wake);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
