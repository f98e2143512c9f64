package mobility.netlink.nl;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded C library and errno of the last call on this thread. */
public final class Native {

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    /** Linux x86_64 constants of socket.h, fcntl.h, sched.h and if_tun.h. */
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int MSG_TRUNC = 0x20;
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;

    private Native() {
    }

    public static LibC libc() {
        return LIBC;
    }

    public static int errno() {
        return RUNTIME.getLastError();
    }
}
