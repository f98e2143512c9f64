package mobility.api.kernel;

import java.util.List;

import mobility.api.net.Ipv6Address;

/**
 * SRv6 encapsulation (seg6 lwtunnel): packets routed here get an outer IPv6 header, or an SRH inserted, for the
 * segments in travel order. With {@link Mode#ENCAP_RED} and one segment the outer header has no routing header,
 * which is plain RFC 2473 IPv6-in-IPv6 on the wire.
 */
public record Seg6Encap(Mode mode, List<Ipv6Address> segments) implements RouteEncap {

    /** SEG6_IPTUN_MODE_* of seg6_iptunnel.h. */
    public enum Mode {
        INLINE(0), ENCAP(1), L2ENCAP(2), ENCAP_RED(3), L2ENCAP_RED(4);

        private final int code;

        Mode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Mode of(int code) {
            for (Mode m : values()) {
                if (m.code == code) {
                    return m;
                }
            }
            throw new IllegalArgumentException("seg6 mode " + code);
        }
    }

    public Seg6Encap {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("seg6 needs at least one segment");
        }
    }

    @Override
    public KernelFeature feature() {
        return KernelFeature.SEG6;
    }
}
