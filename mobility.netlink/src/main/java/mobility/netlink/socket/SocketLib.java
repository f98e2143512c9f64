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

    /** eventfd(2): a counter another thread can make readable, to end a poll(2) at once. */
    @SaveError
    int eventfd(int initialValue, int flags);

    @SaveError
    int unshare(int flags);

    /**
     * syscall(2): io_uring_setup and io_uring_enter, which the C library has no wrapper for, and mmap/munmap of their
     * rings (through the C library's wrapper, jnr's call of mmap failed with EINVAL before reaching the kernel).
     */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /**
     * syscall(2) with five arguments (the sixth register is left as it is): jnr calls a function of at most six
     * integer parameters without building an argument buffer, which matters for a call made per batch.
     */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    /** mount(2); {@code data} is an address or 0. */
    @SaveError
    int mount(String source, String target, String type, long flags, long data);
}
