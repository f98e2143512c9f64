package mobility.signalling;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.IpProtocol;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.ipv6.HomeAddressOption;
import mobility.api.wire.ipv6.Ipv6Header;
import mobility.api.wire.ipv6.Type2RoutingHeader;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * A whole IPv6 packet around one signalling message, as the packet-socket path sends it: the IPv6 header, a Type 2
 * routing header before a Destination Options header with the Home Address option (the order of RFC 8200 §4.1 and
 * RFC 6275 §6.3), both written by the wire codec, and the message with its checksum over the pseudo-header of the
 * final addresses: the home address of the option as source and the routing header's home address as destination
 * (§6.1.1, RFC 8200 §8.1).
 */
final class OutgoingPacket {

    private static final int DEFAULT_HOP_LIMIT = 64;

    private OutgoingPacket() {
    }

    /** The hop limit: as given, else 255 for Neighbor Discovery (RFC 4861 §6.1), else 64. */
    static int hopLimit(SignallingPacket p) {
        if (p.hopLimit() > 0) {
            return p.hopLimit();
        }
        int type = p.type();
        return p.protocol() == SignallingPacket.ICMPV6 && type >= 133 && type <= 137 ? 255 : DEFAULT_HOP_LIMIT;
    }

    /** Writes the packet into {@code into} from its position and flips it for sending. */
    static void write(SignallingPacket p, ByteBuffer into) throws SignallingException {
        if (p.source() == null) {
            throw new SignallingException("a packet sent in user space needs its source address: " + describe(p));
        }
        byte[] message = p.message();
        int extensions = (p.routingHeaderAddress() != null ? Type2RoutingHeader.LENGTH : 0)
                + (p.homeAddress() != null ? HomeAddressOption.HEADER_LENGTH : 0);
        int payload = extensions + message.length;
        if (Ipv6Header.LENGTH + payload > into.remaining()) {
            throw new SignallingException("packet of " + (Ipv6Header.LENGTH + payload) + " octets is too long: "
                    + describe(p));
        }
        byte[] b = new byte[Ipv6Header.LENGTH + payload];
        int afterRouting = p.homeAddress() != null ? IpProtocol.DESTINATION_OPTIONS : p.protocol();
        int first = p.routingHeaderAddress() != null ? IpProtocol.ROUTING : afterRouting;
        NetworkBytes.put32(b, Ipv6Header.VERSION_CLASS_FLOW, (long) Ipv6Header.VERSION << 28);
        NetworkBytes.put16(b, Ipv6Header.PAYLOAD_LENGTH, payload);
        NetworkBytes.put8(b, Ipv6Header.NEXT_HEADER, first);
        NetworkBytes.put8(b, Ipv6Header.HOP_LIMIT, hopLimit(p));
        p.source().write(b, Ipv6Header.SOURCE_ADDRESS);
        p.destination().write(b, Ipv6Header.DESTINATION_ADDRESS);
        int at = Ipv6Header.LENGTH;
        if (p.routingHeaderAddress() != null) {
            at += Type2RoutingHeader.write(b, at, afterRouting, p.routingHeaderAddress());
        }
        if (p.homeAddress() != null) {
            at += HomeAddressOption.write(b, at, p.protocol(), p.homeAddress());
        }
        System.arraycopy(message, 0, b, at, message.length);
        Ipv6Address pseudoSource = p.homeAddress() != null ? p.homeAddress() : p.source();
        Ipv6Address pseudoDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        if (p.protocol() == SignallingPacket.MOBILITY_HEADER) {
            if (message.length < MobilityHeader.MIN_LENGTH || message.length % MobilityHeader.LENGTH_UNIT != 0) {
                throw new SignallingException("a Mobility Header is a multiple of 8 octets (§6.1), not "
                        + message.length + ": " + describe(p));
            }
            MobilityHeaderCodec.fillChecksum(b, at, message.length, pseudoSource, pseudoDestination);
        } else {
            if (message.length < 4) {
                throw new SignallingException("an ICMPv6 message has at least 4 octets: " + describe(p));
            }
            Icmpv6Codec.fillChecksum(b, at, message.length, pseudoSource, pseudoDestination);
        }
        into.put(b).flip();
    }

    static String describe(SignallingPacket p) {
        return (p.protocol() == SignallingPacket.MOBILITY_HEADER ? "MH type " : "ICMPv6 type ") + p.type() + " "
                + p.source() + " -> " + p.destination()
                + (p.homeAddress() != null ? " home address option " + p.homeAddress() : "")
                + (p.routingHeaderAddress() != null ? " type 2 routing header " + p.routingHeaderAddress() : "");
    }
}
