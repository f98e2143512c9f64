package mobility.wire;

import java.util.Map;

import mobility.api.wire.IpProtocol;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.ipv6.WireCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.wire.PacketDescriber.Kind;

/**
 * Decides what a frame of a pcap file is and renders its line when it is one to show. A frame that decodes to a
 * message, directly or inside IPv6-in-IPv6 tunnels ({@link Tunnel}), is rendered from the decoded packet; the others,
 * rare in a Mobile IPv6 capture, from their full {@link PacketDescriber} description, which names the error.
 * Stateless, so batches decode on several threads.
 */
final class FrameDecoder {

    private final WireCodec codec;
    private final PacketDescriber describer;
    private final int linkType;
    private final boolean all;

    /** With {@code all}, every frame has a line; without, Mobile IPv6 and malformed frames. */
    FrameDecoder(WireCodec codec, int linkType, boolean all) {
        this.codec = codec;
        this.describer = new PacketDescriber(codec);
        this.linkType = linkType;
        this.all = all;
    }

    Kind decode(Frame frame, LineRenderer lines) {
        int at = LinkLayer.ipv6Offset(linkType, frame.data(), frame.offset(), frame.capturedLength());
        if (at >= 0 && !frame.truncated()) {
            Ipv6Packet p = inspected(frame.data(), frame.offset() + at, frame.capturedLength() - at);
            if (p != null && !p.fragment()) {
                MobilityMessage mh = p.mobilityMessageOrNull();
                Icmpv6Message icmp = p.icmpv6MessageOrNull();
                if (mh != null || icmp != null) {
                    Kind kind = mh != null || MessageFields.isMobileIpv6(icmp) ? Kind.MIPV6 : Kind.OTHER_IPV6;
                    if (all || kind == Kind.MIPV6) {
                        lines.decoded(frame, null, 0, p, mh, icmp, kind);
                    }
                    return kind;
                }
                if (p.upperLayerProtocol() == Tunnel.IPV6_IN_IPV6) {
                    Kind kind = tunnelled(frame, frame.offset() + at, p, lines);
                    if (kind != null) {
                        return kind;
                    }
                } else if (!all && p.upperLayerProtocol() != IpProtocol.DRAFT_MOBILITY_HEADER) {
                    return Kind.OTHER_IPV6;
                }
            }
        } else if (!all && (at == LinkLayer.NOT_IPV6 || at == LinkLayer.UNSUPPORTED)) {
            return Kind.NOT_IPV6;
        }
        Map<String, Object> d = describer.frame(frame.offset() == 0 ? frame : frame.detached(), linkType);
        Kind kind = (Kind) d.get("kind");
        if (all || kind == Kind.MIPV6 || kind == Kind.MALFORMED) {
            lines.described(d);
        }
        return kind;
    }

    /**
     * An IPv6-in-IPv6 packet at {@code data()[start]} (RFC 2473): follows it through up to {@link Tunnel#MAX_DEPTH}
     * tunnels to the inner packet, and renders the line when that ends with a message to show. Null when the inner
     * packet is one for its description to show (malformed, a fragment, next header 62, nested too deep).
     */
    private Kind tunnelled(Frame frame, int start, Ipv6Packet outer, LineRenderer lines) {
        Ipv6Packet[] tunnels = new Ipv6Packet[Tunnel.MAX_DEPTH];
        int depth = 0;
        int at = start;
        Ipv6Packet p = outer;
        while (p.upperLayerProtocol() == Tunnel.IPV6_IN_IPV6 && !p.fragment()) {
            if (depth == Tunnel.MAX_DEPTH) {
                return all ? null : Kind.OTHER_IPV6;
            }
            tunnels[depth++] = p;
            at += p.upperLayerOffset();
            p = inspected(frame.data(), at, p.upperLayerLength());
            if (p == null) {
                return null;
            }
        }
        if (p.fragment()) {
            return null;
        }
        MobilityMessage mh = p.mobilityMessageOrNull();
        Icmpv6Message icmp = p.icmpv6MessageOrNull();
        if (mh != null || icmp != null) {
            Kind kind = mh != null || MessageFields.isMobileIpv6(icmp) ? Kind.MIPV6 : Kind.OTHER_IPV6;
            if (all || kind == Kind.MIPV6) {
                lines.decoded(frame, tunnels, depth, p, mh, icmp, kind);
            }
            return kind;
        }
        return !all && p.upperLayerProtocol() != IpProtocol.DRAFT_MOBILITY_HEADER ? Kind.OTHER_IPV6 : null;
    }

    /** The packet, or null when it is malformed: its description then names the error. */
    private Ipv6Packet inspected(byte[] b, int at, int length) {
        try {
            return codec.inspect(b, at, length);
        } catch (WireFormatException e) {
            return null;
        }
    }
}
