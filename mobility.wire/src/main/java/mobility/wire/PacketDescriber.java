package mobility.wire;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.ipv6.Ipv6Header;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.ipv6.WireCodec;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * Describes what a frame or a hexadecimal message is, as simple values: addresses, home address, message type,
 * every field and option, checksum verdict, or the validation error. Text and JSON are rendered from this. A packet
 * that came through IPv6-in-IPv6 tunnels (RFC 2473) is described as its inner packet, with the tunnels' addresses
 * under "tunnel" and the checksum verdict computed from the inner addresses.
 */
public final class PacketDescriber {

    /** What a frame is. */
    public enum Kind {
        MIPV6("MIPv6"), MALFORMED("malformed"), OTHER_IPV6("not MIPv6"), NOT_IPV6("not IPv6");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final WireCodec codec;

    public PacketDescriber(WireCodec codec) {
        this.codec = codec;
    }

    /** A pcap frame of this link type. */
    public Map<String, Object> frame(Frame frame, int linkType) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("frame", frame.number());
        d.put("time", frame.seconds() + "." + zeroPadded(Long.toString(frame.nanoseconds()), 9));
        d.put("length", frame.originalLength());
        if (frame.truncated()) {
            d.put("captured", frame.capturedLength());
        }
        int at = LinkLayer.ipv6Offset(linkType, frame.data(), frame.capturedLength());
        if (at == LinkLayer.UNSUPPORTED) {
            d.put("kind", Kind.NOT_IPV6);
            note(d, LinkLayer.name(linkType) + " frames are not read");
        } else if (at == LinkLayer.TRUNCATED) {
            d.put("kind", Kind.MALFORMED);
            d.put("error", Map.of("problem", "frame shorter than its " + LinkLayer.name(linkType) + " header"));
        } else if (at == LinkLayer.NOT_IPV6) {
            d.put("kind", Kind.NOT_IPV6);
        } else if (frame.truncated() && frame.capturedLength() - at >= Ipv6Header.LENGTH) {
            // The capture cut the packet short: decode the octets that are there, as if they were all of it, so
            // that the problem shown is the message's own rather than the missing tail.
            int length = frame.capturedLength() - at;
            byte[] clipped = Arrays.copyOfRange(frame.data(), at, frame.capturedLength());
            NetworkBytes.put16(clipped, Ipv6Header.PAYLOAD_LENGTH,
                    Math.min(NetworkBytes.u16(clipped, Ipv6Header.PAYLOAD_LENGTH), length - Ipv6Header.LENGTH));
            note(d, "capture cut short: decoded the " + length + " octets captured of the IPv6 packet");
            packet(d, clipped, 0, length);
        } else {
            packet(d, frame.data(), at, frame.capturedLength() - at);
        }
        return d;
    }

    /** An IPv6 packet, a bare Mobility Header or a bare ICMPv6 message written in hexadecimal. */
    public Map<String, Object> octets(byte[] b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("length", b.length);
        if (b.length > 0 && (b[0] & 0xf0) == 0x60) {
            packet(d, b, 0, b.length);
        } else if (b.length > 0 && (b[0] & 0xff) == IpProtocol.NO_NEXT_HEADER) {
            d.put("protocol", IpProtocol.name(IpProtocol.MOBILITY_HEADER));
            mobility(d, b, 0, b.length);
        } else {
            d.put("protocol", IpProtocol.name(IpProtocol.ICMPV6));
            try {
                icmp(d, Icmpv6Codec.decodeUnverified(b, 0, b.length));
                d.put("checksum", "unverified");
            } catch (WireFormatException e) {
                error(d, e);
            }
        }
        return d;
    }

    private void packet(Map<String, Object> d, byte[] b, int at, int length) {
        // An IPv6-in-IPv6 packet (RFC 2473) is followed to its inner packet, described in d as any other; the outer
        // headers' addresses move into "tunnel", outermost first, each tunnel holding the next one inward.
        Map<String, Object> into = d;
        for (int depth = 0; ; depth++) {
            Ipv6Packet p = header(d, b, at, length);
            if (p == null) {
                if (depth > 0) {
                    note(d, "the error's offset counts from the inner packet's first octet");
                }
                return;
            }
            if (p.upperLayerProtocol() != Tunnel.IPV6_IN_IPV6 || p.fragment()) {
                upperLayer(d, b, at, p);
                return;
            }
            if (depth == Tunnel.MAX_DEPTH) {
                d.put("protocol", Tunnel.protocolName(Tunnel.IPV6_IN_IPV6));
                d.put("kind", Kind.OTHER_IPV6);
                note(d, "more than " + Tunnel.MAX_DEPTH + " tunnels deep (RFC 2473 §6.6): not followed");
                return;
            }
            Map<String, Object> tunnel = new LinkedHashMap<>();
            for (String key : ADDRESS_KEYS) {
                Object a = d.remove(key);
                if (a != null) {
                    tunnel.put(key, a);
                }
            }
            into.put("tunnel", tunnel);
            into = tunnel;
            at += p.upperLayerOffset();
            length = p.upperLayerLength();
        }
    }

    /** The keys of a packet's addresses, in the order they are put. */
    private static final List<String> ADDRESS_KEYS =
            List.of("source", "destination", "homeAddressOption", "routingHeaderHomeAddress");

    /** Puts the packet's addresses and returns it decoded, or null when it is malformed: then puts the error. */
    private Ipv6Packet header(Map<String, Object> d, byte[] b, int at, int length) {
        if (length >= Ipv6Header.LENGTH) {
            d.put("source", Ipv6Address.read(b, at + Ipv6Header.SOURCE_ADDRESS).toString());
            d.put("destination", Ipv6Address.read(b, at + Ipv6Header.DESTINATION_ADDRESS).toString());
            d.put("nextHeader", Tunnel.protocolName(b[at + Ipv6Header.NEXT_HEADER] & 0xff));
        }
        Ipv6Packet p;
        try {
            p = codec.inspect(b, at, length);
        } catch (WireFormatException e) {
            error(d, e);
            return null;
        }
        d.remove("nextHeader");
        p.homeAddressOption().ifPresent(a -> d.put("homeAddressOption", a.toString()));
        p.routingHeaderHomeAddress().ifPresent(a -> d.put("routingHeaderHomeAddress", a.toString()));
        return p;
    }

    /** What the packet at {@code b[at]} ends with. */
    private void upperLayer(Map<String, Object> d, byte[] b, int at, Ipv6Packet p) {
        int protocol = p.upperLayerProtocol();
        d.put("protocol", Tunnel.protocolName(protocol));
        if (p.fragment()) {
            d.put("kind", protocol == IpProtocol.MOBILITY_HEADER ? Kind.MIPV6 : Kind.OTHER_IPV6);
            note(d, "fragment: not reassembled");
        } else if (p.mobilityMessage().isPresent()) {
            message(d, p.mobilityMessage().get());
            d.put("checksum", p.checksum() == Ipv6Packet.Checksum.VALID ? "ok" : "bad");
        } else if (p.icmpv6Message().isPresent()) {
            Icmpv6Message m = p.icmpv6Message().get();
            icmp(d, m);
            d.put("checksum", p.checksum() == Ipv6Packet.Checksum.VALID ? "ok" : "bad");
        } else if (protocol == IpProtocol.DRAFT_MOBILITY_HEADER) {
            note(d, "next header 62 of the drafts before RFC 3775, decoded with the RFC 6275 layout");
            mobility(d, b, at + p.upperLayerOffset(), p.upperLayerLength());
        } else {
            d.put("kind", Kind.OTHER_IPV6);
        }
    }

    private void mobility(Map<String, Object> d, byte[] b, int at, int length) {
        MobilityHeaderCodec mh = codec.mobilityHeaderCodec();
        try {
            message(d, mh.decodeUnverified(b, at, length));
            d.put("checksum", "unverified");
        } catch (WireFormatException e) {
            if (length >= 3) {
                d.put("message", MobilityHeader.typeName(b[at + 2] & 0xff));
            }
            error(d, e);
        }
    }

    /** Left-pads with zeros; String.format costs a microsecond a call, too much per frame. */
    static String zeroPadded(String digits, int width) {
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static void note(Map<String, Object> d, String note) {
        d.merge("note", note, (a, b) -> a + "; " + b);
    }

    private static void message(Map<String, Object> d, MobilityMessage m) {
        d.put("kind", Kind.MIPV6);
        d.put("message", m.name());
        d.put("fields", MessageFields.of(m));
        d.put("options", MessageFields.options(m));
    }

    private static void icmp(Map<String, Object> d, Icmpv6Message m) {
        d.put("kind", MessageFields.isMobileIpv6(m) ? Kind.MIPV6 : Kind.OTHER_IPV6);
        d.put("message", m.name());
        d.put("fields", MessageFields.of(m));
        d.put("options", MessageFields.options(m));
    }

    private static void error(Map<String, Object> d, WireFormatException e) {
        d.put("kind", Kind.MALFORMED);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.messageName());
        error.put("field", e.field());
        error.put("offset", e.offset());
        error.put("problem", e.problem());
        error.put("answer", e.answerText());
        d.put("error", error);
    }
}
