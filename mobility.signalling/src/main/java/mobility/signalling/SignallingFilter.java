package mobility.signalling;

import mobility.api.kernel.BpfProgram;

/**
 * The packet-socket filter of the signalling path: the kernel passes to the JVM only IPv6 packets that end in a
 * Mobility Header (next header 135, RFC 6275 §6.1) or in an ICMPv6 message Mobile IPv6 uses — Router Solicitation
 * and Advertisement, Neighbor Solicitation and Advertisement (133-136, RFC 4861), and the home agent address
 * discovery and mobile prefix messages (144-147, RFC 6275 §6.5-§6.8), and Parameter Problem (4, §11.3.5) — after any chain of Hop-by-Hop Options,
 * Destination Options (the Home Address option, §6.3), Type 2 routing (§6.4) and Authentication (RFC 4302) headers,
 * and through IPv6-in-IPv6 (RFC 2473: next header 41, the inner IPv6 header, its own chain), up to
 * {@value #HEADERS} headers after the first IPv6 header. Offsets count from the IPv6 header (SOCK_DGRAM).
 *
 * <p>The sockets are bound for every protocol (ETH_P_ALL, see {@link PacketSocketPath}), so the filter checks the
 * frame's protocol itself (SKF_AD_PROTOCOL: IPv6 only) and its packet type (SKF_AD_PKTTYPE: neither frames for
 * other hosts seen in promiscuous mode nor this node's own outgoing frames, which PACKET_IGNORE_OUTGOING already
 * keeps away). Anything else — ARP, IPv4, every TCP or UDP packet, plain or tunnelled — costs a few instructions in
 * the kernel and never reaches the JVM.
 *
 * <p>The chain is walked by {@value #HEADERS} unrolled steps with X at the start of the current header and A its
 * type (the previous header's Next Header); scratch word 0 carries the next offset while A loads the next type.
 * Each step has its own accept and reject so every jump stays within classic BPF's 255 instructions.
 */
final class SignallingFilter {

    static final int MOBILITY_HEADER = 135;
    static final int ICMPV6 = 58;
    static final int HOP_BY_HOP = 0;
    static final int DESTINATION_OPTIONS = 60;
    static final int ROUTING = 43;
    static final int AUTHENTICATION = 51;
    static final int IPV6_IN_IPV6 = 41;
    static final int TYPE_2_ROUTING = 2;
    static final int ROUTER_SOLICITATION = 133;
    /** RFC 4443 §3.4; RFC 6275 §11.3.5: code 1 for a Mobility Header means no Mobile IPv6 there. */
    static final int PARAMETER_PROBLEM = 4;
    static final int NEIGHBOR_ADVERTISEMENT = 136;
    static final int HOME_AGENT_ADDRESS_DISCOVERY_REQUEST = 144;
    static final int MOBILE_PREFIX_ADVERTISEMENT = 147;
    /** How many headers after the first IPv6 header the filter follows (extension headers and inner IPv6 headers). */
    static final int HEADERS = 10;
    /** SKF_AD_PROTOCOL (the frame's ethertype, host order) and SKF_AD_PKTTYPE. */
    static final int ANCILLARY_PROTOCOL = 0;
    static final int ANCILLARY_PACKET_TYPE = 4;
    static final int ETH_P_IPV6 = 0x86dd;
    static final int PACKET_OTHERHOST = 3;
    static final int PACKET_OUTGOING = 4;
    private static final int IPV6_HEADER = 40;
    private static final int NEXT_OFFSET = 0;

    private SignallingFilter() {
    }

    static BpfProgram program() {
        BpfProgram.Builder b = BpfProgram.builder()
                .loadAncillary(ANCILLARY_PROTOCOL).jumpIfEqual(ETH_P_IPV6, null, "reject")
                .loadAncillary(ANCILLARY_PACKET_TYPE).jumpIfEqual(PACKET_OTHERHOST, "reject", null)
                .jumpIfEqual(PACKET_OUTGOING, "reject", null)
                .loadByte(0).and(0xf0).jumpIfEqual(0x60, null, "reject")
                .loadIndex(IPV6_HEADER).loadByte(6).jump("step0")
                .label("reject").reject();
        for (int step = 0; step < HEADERS; step++) {
            step(b, step);
        }
        return b.label("step" + HEADERS).reject().build();
    }

    /** One header: A is its type, X its offset; on to the next step with A and X of the header after it. */
    private static void step(BpfProgram.Builder b, int step) {
        String s = "-" + step;
        String next = "step" + (step + 1);
        b.label("step" + step)
                .jumpIfEqual(MOBILITY_HEADER, "accept" + s, null)
                .jumpIfEqual(ICMPV6, "icmp" + s, null)
                .jumpIfEqual(IPV6_IN_IPV6, "tunnel" + s, null)
                .jumpIfEqual(DESTINATION_OPTIONS, "eight" + s, null)
                .jumpIfEqual(HOP_BY_HOP, "eight" + s, null)
                .jumpIfEqual(AUTHENTICATION, "four" + s, null)
                .jumpIfEqual(ROUTING, null, "reject" + s)
                // Only the Type 2 routing header (§6.4): a Mobility Header behind any other is not for the roles.
                .loadByteIndexed(2).jumpIfEqual(TYPE_2_ROUTING, null, "reject" + s)
                // Hdr Ext Len in 8-octet units, not counting the first 8 (RFC 8200 §4.3-§4.6).
                .label("eight" + s).loadByteIndexed(1).add(1).shiftLeft(3).jump("advance" + s)
                // AH: Payload Len in 4-octet units, minus 2 (RFC 4302 §2.2).
                .label("four" + s).loadByteIndexed(1).add(2).shiftLeft(2)
                .label("advance" + s).addIndex().store(NEXT_OFFSET).loadByteIndexed(0)
                .loadIndexFromMemory(NEXT_OFFSET).jump(next)
                // An inner IPv6 header (RFC 2473): its version, then its Next Header, 40 bytes on.
                .label("tunnel" + s).loadByteIndexed(0).and(0xf0).jumpIfEqual(0x60, null, "reject" + s)
                .indexToAccumulator().add(IPV6_HEADER).store(NEXT_OFFSET).loadByteIndexed(6)
                .loadIndexFromMemory(NEXT_OFFSET).jump(next)
                .label("icmp" + s).loadByteIndexed(0)
                .jumpIfAtLeast(ROUTER_SOLICITATION, null, "error" + s)
                .jumpIfGreater(NEIGHBOR_ADVERTISEMENT, null, "accept" + s)
                .jumpIfAtLeast(HOME_AGENT_ADDRESS_DISCOVERY_REQUEST, null, "reject" + s)
                .jumpIfGreater(MOBILE_PREFIX_ADVERTISEMENT, "reject" + s, "accept" + s)
                // A Parameter Problem tells a mobile node its correspondent does not know the Mobility Header.
                .label("error" + s).jumpIfEqual(PARAMETER_PROBLEM, "accept" + s, "reject" + s)
                .label("accept" + s).accept()
                .label("reject" + s).reject();
    }
}
