package mobility.wire;

import mobility.api.wire.IpProtocol;

/**
 * IPv6-in-IPv6 (RFC 2473), the tunnel a home agent and a mobile node exchange the Home Test Init and Home Test
 * through (RFC 6275 §5.2.3, §10.4.5) and reverse-tunnel a mobile node's traffic in: an outer IPv6 header whose Next
 * Header is 41 followed by the whole inner packet. The decoders follow it to the inner packet's message.
 */
final class Tunnel {

    /** Next Header of an encapsulated IPv6 packet (IANA protocol number 41, RFC 2473 §3). */
    static final int IPV6_IN_IPV6 = 41;

    /**
     * How many tunnels deep the decoders follow: the default Tunnel Encapsulation Limit of RFC 2473 §6.6. A packet
     * nested deeper is shown as the IPv6-in-IPv6 packet it is at that depth, not followed.
     */
    static final int MAX_DEPTH = 4;

    /** {@link IpProtocol#name}, with 41 named. */
    static String protocolName(int protocol) {
        return protocol == IPV6_IN_IPV6 ? "IPv6-in-IPv6" : IpProtocol.name(protocol);
    }

    private Tunnel() {
    }
}
