package mobility.api.kernel;

/** XFRM_POLICY_IN/OUT/FWD. */
public enum XfrmDirection {
    IN(0), OUT(1), FWD(2);

    private final int code;

    XfrmDirection(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static XfrmDirection of(int code) {
        for (XfrmDirection d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new IllegalArgumentException("XFRM direction " + code);
    }
}
