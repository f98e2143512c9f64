package mobility.netlink.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One netlink socket (netlink(7)): opened in the network namespace of the calling thread, bound with port id 0 so
 * that the kernel picks one, with extended ACKs on so that errors carry the kernel's explanation.
 */
public final class NetlinkSocket implements AutoCloseable {

    private static final int SOCKADDR_NL_LENGTH = 12;

    private final LibC libc = Native.libc();
    private final int fd;
    private final ByteBuffer option = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private volatile boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket of {@code protocol} (NETLINK_ROUTE, NETLINK_XFRM) in the calling thread's namespace. */
    public static NetlinkSocket open(int protocol) {
        LibC libc = Native.libc();
        int fd = libc.socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw new NetlinkException("socket(AF_NETLINK, " + protocol + ")", Native.errno(), "");
        }
        try {
            ByteBuffer address = ByteBuffer.allocateDirect(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder());
            address.putShort(0, (short) Native.AF_NETLINK);
            if (libc.bind(fd, address, SOCKADDR_NL_LENGTH) < 0) {
                throw new NetlinkException("bind(netlink)", Native.errno(), "");
            }
            NetlinkSocket socket = new NetlinkSocket(fd);
            socket.setOption(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            socket.setOption(Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
            return socket;
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /** Joins a multicast group (RTNLGRP_*, XFRMNLGRP_*). */
    public void join(int group) {
        setOption(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Sizes the receive buffer: large enough for the acknowledgements of a whole batch or a burst of events.
     * SO_RCVBUFFORCE passes rmem_max when the process may (CAP_NET_ADMIN); otherwise the capped SO_RCVBUF.
     */
    public void receiveBuffer(int bytes) {
        if (!trySetOption(Native.SOL_SOCKET, Native.SO_RCVBUFFORCE, bytes)) {
            setOption(Native.SOL_SOCKET, Native.SO_RCVBUF, bytes);
        }
    }

    public void sendBuffer(int bytes) {
        if (!trySetOption(Native.SOL_SOCKET, Native.SO_SNDBUFFORCE, bytes)) {
            setOption(Native.SOL_SOCKET, Native.SO_SNDBUF, bytes);
        }
    }

    /** Makes {@link #receive(ByteBuffer)} return -EAGAIN after {@code millis} without data. */
    public synchronized void receiveTimeout(int millis) {
        option.clear();
        option.putLong(0, millis / 1000).putLong(8, (millis % 1000) * 1000L);
        if (libc.setsockopt(fd, Native.SOL_SOCKET, Native.SO_RCVTIMEO, option, 16) < 0) {
            throw new NetlinkException("setsockopt(SO_RCVTIMEO)", Native.errno(), "");
        }
    }

    /**
     * Sends the first {@code length} bytes of {@code buffer} to the kernel in one datagram. jnr-ffi passes a direct
     * buffer's address plus its position, so the position is 0 during the call and restored after.
     */
    public void send(ByteBuffer buffer, int length) {
        int position = buffer.position();
        buffer.position(0);
        try {
            while (true) {
                long sent = libc.sendto(fd, buffer, length, 0, null, 0);
                if (sent >= 0) {
                    return;
                }
                int errno = Native.errno();
                if (errno != Native.EINTR) {
                    throw new NetlinkException("sendto(netlink)", errno, "");
                }
            }
        } finally {
            buffer.position(position);
        }
    }

    /**
     * Receives one datagram into {@code buffer} from offset 0. Returns its length, or {@code -errno} for EAGAIN
     * (timeout) and ENOBUFS (the receive buffer overflowed and messages were lost).
     */
    public int receive(ByteBuffer buffer) {
        buffer.clear();
        while (true) {
            long n = libc.recv(fd, buffer, buffer.capacity(), Native.MSG_TRUNC);
            if (n >= 0) {
                if (n > buffer.capacity()) {
                    throw new NetlinkException("recv(netlink): a " + n + "-byte datagram does not fit in "
                            + buffer.capacity(), 90, "");
                }
                return (int) n;
            }
            int errno = Native.errno();
            if (errno == Native.EINTR) {
                continue;
            }
            if (errno == Native.EAGAIN || errno == NetlinkException.ENOBUFS) {
                return -errno;
            }
            throw new NetlinkException("recv(netlink)", errno, "");
        }
    }

    private synchronized boolean trySetOption(int level, int name, int value) {
        option.clear();
        option.putInt(0, value);
        return libc.setsockopt(fd, level, name, option, 4) == 0;
    }

    private void setOption(int level, int name, int value) {
        if (!trySetOption(level, name, value)) {
            throw new NetlinkException("setsockopt(" + level + ", " + name + ")", Native.errno(), "");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
