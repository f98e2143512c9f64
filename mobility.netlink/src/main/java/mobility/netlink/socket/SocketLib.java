package mobility.netlink.socket;

import jnr.ffi.annotations.SaveError;

/**
 * The C library calls of the packet path. Every pointer is a plain {@code long} address of native memory this
 * package allocated once (direct buffers), so a call marshals nothing and allocates nothing.
 */
public interface SocketLib {

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, long address, int addressLength);

    @SaveError
    int setsockopt(int fd, int level, int option, long value, int valueLength);

    @SaveError
    int getsockopt(int fd, int level, int option, long value, long valueLength);

    /** recvmmsg(2): {@code vector} points at {@code length} struct mmsghdr. */
    @SaveError
    int recvmmsg(int fd, long vector, int length, int flags, long timeout);

    @SaveError
    int sendmmsg(int fd, long vector, int length, int flags);

    @SaveError
    long read(int fd, long buffer, long count);

    @SaveError
    long write(int fd, long buffer, long count);

    /** poll(2) over {@code count} struct pollfd. */
    @SaveError
    int poll(long fds, long count, int timeoutMillis);

    @SaveError
    int ioctl(int fd, long request, long argument);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int unshare(int flags);

    /** mount(2); {@code data} is an address or 0. */
    @SaveError
    int mount(String source, String target, String type, long flags, long data);
}
