package mobility.api.kernel;

import mobility.api.net.Ipv6Address;

/**
 * A default route in the main table, as router discovery (RFC 4861 §6.3.4) or a person installed it; movement
 * detection (RFC 6275 §11.5.1) watches these change.
 *
 * @param gateway  the router's (link-local) address
 * @param ifindex  the interface it was learnt on
 * @param metric   the route priority
 * @param protocol RTPROT_RA (9) when learnt from router advertisements
 */
public record DefaultRouter(Ipv6Address gateway, int ifindex, int metric, int protocol) {

    /** RTPROT_RA: installed by the kernel from a router advertisement. */
    public static final int PROTOCOL_RA = 9;
}
