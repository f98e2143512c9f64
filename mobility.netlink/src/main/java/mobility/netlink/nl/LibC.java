package mobility.netlink.nl;

import java.nio.ByteBuffer;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The C library calls the driver needs (socket(2), bind(2), sendto(2), recv(2), setsockopt(2), close(2), open(2),
 * setns(2), unshare(2), ioctl(2)). Buffers are direct ByteBuffers so that jnr-ffi passes their address (plus their
 * position) without copying; every call saves errno for {@link Native#errno()}.
 */
public interface LibC {

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer address, int addressLength);

    @SaveError
    long sendto(int fd, @In ByteBuffer buffer, long length, int flags, @In ByteBuffer address, int addressLength);

    @SaveError
    long recv(int fd, @Out ByteBuffer buffer, long length, int flags);

    @SaveError
    int setsockopt(int fd, int level, int option, @In ByteBuffer value, int valueLength);

    @SaveError
    int close(int fd);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    @SaveError
    int unshare(int flags);

    @SaveError
    int ioctl(int fd, long request, @In @Out ByteBuffer argument);
}
