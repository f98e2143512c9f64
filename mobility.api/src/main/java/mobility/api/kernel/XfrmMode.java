package mobility.api.kernel;

/** XFRM_MODE_* of xfrm.h. */
public enum XfrmMode {
    TRANSPORT(0), TUNNEL(1),
    /** Route optimisation: the Mobile IPv6 Type 2 routing header and Home Address option states. */
    ROUTE_OPTIMIZATION(2), BEET(4);

    private final int code;

    XfrmMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static XfrmMode of(int code) {
        for (XfrmMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("XFRM mode " + code);
    }
}
