package mobility.signalling;

import mobility.api.kernel.BpfProgram;

/**
 * The packet-socket filter of the signalling path: the kernel passes to the JVM only IPv6 packets that end in a
 * Mobility Header (next header 135, RFC 6275 §6.1) or in an ICMPv6 message Mobile IPv6 uses — Router Solicitation
 * and Advertisement, Neighbor Solicitation and Advertisement (133-136, RFC 4861), and the home agent address
 * discovery and mobile prefix messages (144-147, RFC 6275 §6.5-§6.8) — directly after the IPv6 header, after a
 * Destination Options header (the Home Address option, §6.3), after a Type 2 routing header (§6.4), or after both.
 * Offsets count from the IPv6 header (SOCK_DGRAM).
 */
final class SignallingFilter {

    static final int MOBILITY_HEADER = 135;
    static final int ICMPV6 = 58;
    static final int DESTINATION_OPTIONS = 60;
    static final int ROUTING = 43;
    static final int TYPE_2_ROUTING = 2;
    static final int ROUTER_SOLICITATION = 133;
    static final int NEIGHBOR_ADVERTISEMENT = 136;
    static final int HOME_AGENT_ADDRESS_DISCOVERY_REQUEST = 144;
    static final int MOBILE_PREFIX_ADVERTISEMENT = 147;
    /** SKF_AD_PKTTYPE and PACKET_OTHERHOST: frames for another host seen in promiscuous mode. */
    private static final int ANCILLARY_PACKET_TYPE = 4;
    private static final int PACKET_OTHERHOST = 3;
    private static final int IPV6_HEADER = 40;
    /** The Type 2 routing header is always 24 bytes (§6.4). */
    private static final int AFTER_TYPE_2 = IPV6_HEADER + 24;

    private SignallingFilter() {
    }

    static BpfProgram program() {
        return BpfProgram.builder()
                .loadAncillary(ANCILLARY_PACKET_TYPE).jumpIfEqual(PACKET_OTHERHOST, "reject", null)
                .loadByte(0).and(0xf0).jumpIfEqual(0x60, null, "reject")
                .loadByte(6)
                .jumpIfEqual(MOBILITY_HEADER, "accept", null)
                .jumpIfEqual(ICMPV6, "icmp-at-40", null)
                .jumpIfEqual(DESTINATION_OPTIONS, "options-at-40", null)
                .jumpIfEqual(ROUTING, "routing-at-40", "reject")
                .label("icmp-at-40").loadIndex(IPV6_HEADER).jump("icmp-type")
                // Destination Options header at 40: its Next Header at 40, the upper layer at 40 + (len + 1) * 8.
                .label("options-at-40").loadByte(IPV6_HEADER + 1).add(1).shiftLeft(3).add(IPV6_HEADER).copyToIndex()
                .loadByte(IPV6_HEADER).jump("after-options")
                .label("routing-at-40").loadByte(IPV6_HEADER + 2).jumpIfEqual(TYPE_2_ROUTING, null, "reject")
                .loadByte(IPV6_HEADER)
                .jumpIfEqual(MOBILITY_HEADER, "accept", null)
                .jumpIfEqual(ICMPV6, "icmp-at-64", null)
                .jumpIfEqual(DESTINATION_OPTIONS, null, "reject")
                .loadByte(AFTER_TYPE_2 + 1).add(1).shiftLeft(3).add(AFTER_TYPE_2).copyToIndex()
                .loadByte(AFTER_TYPE_2).jump("after-options")
                .label("icmp-at-64").loadIndex(AFTER_TYPE_2).jump("icmp-type")
                .label("after-options")
                .jumpIfEqual(MOBILITY_HEADER, "accept", null)
                .jumpIfEqual(ICMPV6, "icmp-type", "reject")
                // X is the ICMPv6 header's offset.
                .label("icmp-type").loadByteIndexed(0)
                .jumpIfAtLeast(ROUTER_SOLICITATION, null, "reject")
                .jumpIfGreater(NEIGHBOR_ADVERTISEMENT, null, "accept")
                .jumpIfAtLeast(HOME_AGENT_ADDRESS_DISCOVERY_REQUEST, null, "reject")
                .jumpIfGreater(MOBILE_PREFIX_ADVERTISEMENT, "reject", "accept")
                .label("accept").accept()
                .label("reject").reject()
                .build();
    }
}
