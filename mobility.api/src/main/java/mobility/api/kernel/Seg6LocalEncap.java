package mobility.api.kernel;

import mobility.api.net.Ipv6Address;

/**
 * An SRv6 local behaviour (seg6local lwtunnel) for packets addressed to the route's destination.
 *
 * @param action   the behaviour
 * @param table    the table End.T/End.DT6 look up in, 0 when unused
 * @param nexthop6 End.X/End.DX6 next hop, {@code null} when unused
 */
public record Seg6LocalEncap(Action action, int table, Ipv6Address nexthop6) implements RouteEncap {

    /** SEG6_LOCAL_ACTION_* of seg6_local.h. */
    public enum Action {
        END(1), END_X(2), END_T(3), END_DX6(5), END_DT6(7);

        private final int code;

        Action(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Action of(int code) {
            for (Action a : values()) {
                if (a.code == code) {
                    return a;
                }
            }
            throw new IllegalArgumentException("seg6local action " + code + " is not one the platform uses");
        }
    }

    /** End.DT6: decapsulate and look the inner packet up in {@code table}. */
    public static Seg6LocalEncap endDt6(int table) {
        return new Seg6LocalEncap(Action.END_DT6, table, null);
    }

    @Override
    public KernelFeature feature() {
        return KernelFeature.SEG6LOCAL;
    }
}
