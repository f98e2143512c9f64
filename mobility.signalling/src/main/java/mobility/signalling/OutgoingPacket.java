package mobility.signalling;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * A whole IPv6 packet around one signalling message, as the packet-socket path sends it: the IPv6 header, a Type 2
 * routing header before a Destination Options header with the Home Address option (the order of RFC 8200 §4.1 and
 * RFC 6275 §6.3), and the message with its checksum over the pseudo-header of the final addresses: the home address
 * of the option as source and the routing header's home address as destination (§6.1.1, RFC 8200 §8.1).
 */
final class OutgoingPacket {

    static final int IPV6_HEADER = 40;
    private static final int ROUTING = 43;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int TYPE_2_LENGTH = 24;
    private static final int HOME_ADDRESS_HEADER_LENGTH = 24;
    private static final int PADN = 1;
    private static final int HOME_ADDRESS_OPTION = 201;
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
        byte[] message = p.message().clone();
        Ipv6Address pseudoSource = p.homeAddress() != null ? p.homeAddress() : p.source();
        Ipv6Address pseudoDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        if (p.protocol() == SignallingPacket.MOBILITY_HEADER) {
            if (message.length < 8 || message.length % 8 != 0) {
                throw new SignallingException("a Mobility Header is a multiple of 8 octets (§6.1), not "
                        + message.length + ": " + describe(p));
            }
            MobilityHeaderCodec.fillChecksum(message, 0, message.length, pseudoSource, pseudoDestination);
        } else {
            if (message.length < 4) {
                throw new SignallingException("an ICMPv6 message has at least 4 octets: " + describe(p));
            }
            Icmpv6Codec.fillChecksum(message, 0, message.length, pseudoSource, pseudoDestination);
        }
        int extensions = (p.routingHeaderAddress() != null ? TYPE_2_LENGTH : 0)
                + (p.homeAddress() != null ? HOME_ADDRESS_HEADER_LENGTH : 0);
        int payload = extensions + message.length;
        if (IPV6_HEADER + payload > into.remaining()) {
            throw new SignallingException("packet of " + (IPV6_HEADER + payload) + " octets is too long: "
                    + describe(p));
        }
        int afterRouting = p.homeAddress() != null ? DESTINATION_OPTIONS : p.protocol();
        int first = p.routingHeaderAddress() != null ? ROUTING : afterRouting;
        into.putInt(0x6000_0000).putShort((short) payload).put((byte) first).put((byte) hopLimit(p));
        put(into, p.source());
        put(into, p.destination());
        if (p.routingHeaderAddress() != null) {
            // §6.4: Next Header, Hdr Ext Len 2, Routing Type 2, Segments Left 1, Reserved, Home Address.
            into.put((byte) afterRouting).put((byte) 2).put((byte) 2).put((byte) 1).putInt(0);
            put(into, p.routingHeaderAddress());
        }
        if (p.homeAddress() != null) {
            // §6.3: the option at 8n+6, so PadN of 2 data octets first; Option Type 201, Length 16.
            into.put((byte) p.protocol()).put((byte) 2).put((byte) PADN).put((byte) 2).putShort((short) 0)
                    .put((byte) HOME_ADDRESS_OPTION).put((byte) 16);
            put(into, p.homeAddress());
        }
        into.put(message);
        into.flip();
    }

    private static void put(ByteBuffer into, Ipv6Address a) {
        into.putLong(a.high()).putLong(a.low());
    }

    static String describe(SignallingPacket p) {
        return (p.protocol() == SignallingPacket.MOBILITY_HEADER ? "MH type " : "ICMPv6 type ") + p.type() + " "
                + p.source() + " -> " + p.destination()
                + (p.homeAddress() != null ? " home address option " + p.homeAddress() : "")
                + (p.routingHeaderAddress() != null ? " type 2 routing header " + p.routingHeaderAddress() : "");
    }
}
