package mobility.api.kernel;

/** Route types (RTN_* of rtnetlink.h) a Mobile IPv6 node uses. */
public enum RouteType {
    UNICAST(1), LOCAL(2), ANYCAST(4), MULTICAST(5), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8), THROW(9);

    private final int code;

    RouteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RouteType of(int code) {
        for (RouteType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("route type " + code + " is not one the platform uses");
    }
}
