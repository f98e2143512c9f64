package mobility.api.kernel;

/** The Linux errno values a kernel request can answer with, by their C names (errno(3)). */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), EBADF(9), EAGAIN(11), ENOMEM(12),
    EACCES(13), EFAULT(14), EBUSY(16), EEXIST(17), EXDEV(18), ENODEV(19), ENOTDIR(20), EINVAL(22), ENFILE(23),
    EMFILE(24), ENOSPC(28), ERANGE(34), ENAMETOOLONG(36), ENOSYS(38), ENOTEMPTY(39), ENOMSG(42), ENODATA(61),
    EPROTO(71), EBADMSG(74), EOVERFLOW(75), ENOTSOCK(88), EMSGSIZE(90), EPROTONOSUPPORT(93), EOPNOTSUPP(95),
    EAFNOSUPPORT(97), EADDRINUSE(98), EADDRNOTAVAIL(99), ENETDOWN(100), ENETUNREACH(101), ENOBUFS(105),
    ETIMEDOUT(110), EHOSTUNREACH(113), EALREADY(114), EINPROGRESS(115), UNKNOWN(-1);

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for a positive errno, {@link #UNKNOWN} for values this table does not name. */
    public static Errno of(int code) {
        for (Errno e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
