package mobility.signalling;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.IpProtocol;
import mobility.api.wire.ipv6.HomeAddressOption;
import mobility.api.wire.ipv6.Type2RoutingHeader;

/**
 * The fields of one received IPv6 packet the signalling path needs, read in place from the buffer (RFC 8200 §3,
 * §4) with the wire codec's layouts: addresses, hop limit, the Home Address option (RFC 6275 §6.3), the Type 2
 * routing header (§6.4) and where the upper layer starts. The message itself is left to the roles, which answer a
 * message they cannot take (a Binding Error, §9.2): the codec's full decode would drop it here. One instance is
 * reused for every packet.
 */
final class ReceivedFrame {

    private static final int HOP_BY_HOP = IpProtocol.HOP_BY_HOP_OPTIONS;
    private static final int ROUTING = IpProtocol.ROUTING;
    private static final int FRAGMENT = IpProtocol.FRAGMENT;
    private static final int AUTHENTICATION = IpProtocol.AUTHENTICATION_HEADER;
    private static final int DESTINATION_OPTIONS = IpProtocol.DESTINATION_OPTIONS;
    private static final int HOME_ADDRESS_OPTION = HomeAddressOption.OPTION_TYPE;
    private static final int PAD1 = 0;

    Ipv6Address source;
    Ipv6Address destination;
    int hopLimit;
    Ipv6Address homeAddress;
    Ipv6Address routingHeaderAddress;
    int upperProtocol;
    int upperOffset;
    int upperLength;

    /** Reads the packet between 0 and the buffer's limit; false when it is malformed or a fragment. */
    boolean parse(ByteBuffer p) {
        int end = p.limit();
        if (end < 40 || (p.get(0) & 0xf0) != 0x60) {
            return false;
        }
        int payload = p.getShort(4) & 0xffff;
        if (40 + payload < end) {
            end = 40 + payload;
        }
        hopLimit = p.get(7) & 0xff;
        source = Ipv6Address.of(p.getLong(8), p.getLong(16));
        destination = Ipv6Address.of(p.getLong(24), p.getLong(32));
        homeAddress = null;
        routingHeaderAddress = null;
        int next = p.get(6) & 0xff;
        int at = 40;
        while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS || next == AUTHENTICATION) {
            if (at + 8 > end) {
                return false;
            }
            int length = next == AUTHENTICATION ? ((p.get(at + 1) & 0xff) + 2) * 4 : ((p.get(at + 1) & 0xff) + 1) * 8;
            if (at + length > end) {
                return false;
            }
            if (next == DESTINATION_OPTIONS && !homeAddressOption(p, at, at + length)) {
                return false;
            }
            if (next == ROUTING && (p.get(at + Type2RoutingHeader.ROUTING_TYPE) & 0xff) == Type2RoutingHeader.TYPE) {
                // §6.4: Hdr Ext Len 2, Segments Left 1, the home address at offset 8.
                if (length != Type2RoutingHeader.LENGTH
                        || (p.get(at + Type2RoutingHeader.SEGMENTS_LEFT) & 0xff) != Type2RoutingHeader.SEGMENTS) {
                    return false;
                }
                int home = at + Type2RoutingHeader.HOME_ADDRESS;
                routingHeaderAddress = Ipv6Address.of(p.getLong(home), p.getLong(home + 8));
            }
            next = p.get(at) & 0xff;
            at += length;
        }
        if (next == FRAGMENT) {
            return false;
        }
        upperProtocol = next;
        upperOffset = at;
        upperLength = end - at;
        return upperLength > 0;
    }

    /** Walks the options (RFC 8200 §4.2) and keeps a Home Address option's address; false when they overrun. */
    private boolean homeAddressOption(ByteBuffer p, int header, int end) {
        int i = header + 2;
        while (i < end) {
            int type = p.get(i) & 0xff;
            if (type == PAD1) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                return false;
            }
            int length = p.get(i + 1) & 0xff;
            if (i + 2 + length > end) {
                return false;
            }
            if (type == HOME_ADDRESS_OPTION) {
                if (length != HomeAddressOption.OPTION_LENGTH) {
                    return false;
                }
                homeAddress = Ipv6Address.of(p.getLong(i + 2), p.getLong(i + 10));
            }
            i += 2 + length;
        }
        return true;
    }

    /** The upper-layer bytes, copied: they go to listeners on other threads. */
    byte[] message(ByteBuffer p) {
        byte[] out = new byte[upperLength];
        p.get(upperOffset, out);
        return out;
    }
}
