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
 *
 * <p>An IPv6-in-IPv6 packet (RFC 2473: next header 41) is followed into its inner packet, up to {@value #TUNNELS}
 * tunnels deep: the fields are then the inner packet's (its addresses, its hop limit, its own Home Address option and
 * routing header; an outer header's are dropped), and {@link #tunnelHeader} is where the IPv6 header of the
 * innermost tunnel starts — the one around the message, whose source is the tunnel's far end (the home agent of a
 * Home Test, §11.6.2). Nothing is allocated for it: its addresses are read when the packet is delivered.
 */
final class ReceivedFrame {

    private static final int HOP_BY_HOP = IpProtocol.HOP_BY_HOP_OPTIONS;
    private static final int ROUTING = IpProtocol.ROUTING;
    private static final int FRAGMENT = IpProtocol.FRAGMENT;
    private static final int AUTHENTICATION = IpProtocol.AUTHENTICATION_HEADER;
    private static final int DESTINATION_OPTIONS = IpProtocol.DESTINATION_OPTIONS;
    private static final int IPV6_IN_IPV6 = 41;
    private static final int HOME_ADDRESS_OPTION = HomeAddressOption.OPTION_TYPE;
    private static final int PAD1 = 0;
    private static final int IPV6_HEADER = 40;
    /** The most nested tunnels followed, as the pcap decoder does. */
    static final int TUNNELS = 4;

    Ipv6Address source;
    Ipv6Address destination;
    int hopLimit;
    Ipv6Address homeAddress;
    Ipv6Address routingHeaderAddress;
    int upperProtocol;
    int upperOffset;
    int upperLength;
    /** The offset of the innermost tunnel's outer IPv6 header, or -1 when the packet was not tunnelled. */
    int tunnelHeader;
    /** How many IPv6-in-IPv6 headers the packet came through. */
    int tunnels;
    /**
     * Whether an Authentication Header (RFC 4302, next header 51) came before the upper layer, in the inner packet
     * or in an outer one. Its presence only: nothing here checks its ICV (see {@link PacketSocketPath}).
     */
    boolean authenticationHeader;

    /** Reads the packet between 0 and the buffer's limit; false when it is malformed or a fragment. */
    boolean parse(ByteBuffer p) {
        tunnelHeader = -1;
        tunnels = 0;
        authenticationHeader = false;
        int end = p.limit();
        int header = 0;
        int next;
        int at;
        while (true) {
            // An IPv6 header at `header`: the first one, or the inner one of a tunnel.
            if (header + IPV6_HEADER > end || (p.get(header) & 0xf0) != 0x60) {
                return false;
            }
            int payload = p.getShort(header + 4) & 0xffff;
            if (header + IPV6_HEADER + payload < end) {
                end = header + IPV6_HEADER + payload;
            }
            homeAddress = null;
            routingHeaderAddress = null;
            next = p.get(header + 6) & 0xff;
            at = header + IPV6_HEADER;
            while (next == HOP_BY_HOP || next == ROUTING || next == DESTINATION_OPTIONS || next == AUTHENTICATION) {
                if (at + 8 > end) {
                    return false;
                }
                int length = next == AUTHENTICATION ? ((p.get(at + 1) & 0xff) + 2) * 4
                        : ((p.get(at + 1) & 0xff) + 1) * 8;
                if (at + length > end) {
                    return false;
                }
                if (next == AUTHENTICATION) {
                    authenticationHeader = true;
                }
                if (next == DESTINATION_OPTIONS && !homeAddressOption(p, at, at + length)) {
                    return false;
                }
                if (next == ROUTING
                        && (p.get(at + Type2RoutingHeader.ROUTING_TYPE) & 0xff) == Type2RoutingHeader.TYPE) {
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
            if (next != IPV6_IN_IPV6) {
                break;
            }
            if (++tunnels > TUNNELS) {
                return false;
            }
            tunnelHeader = header;
            header = at;
        }
        if (next == FRAGMENT) {
            return false;
        }
        hopLimit = p.get(header + 7) & 0xff;
        source = Ipv6Address.of(p.getLong(header + 8), p.getLong(header + 16));
        destination = Ipv6Address.of(p.getLong(header + 24), p.getLong(header + 32));
        upperProtocol = next;
        upperOffset = at;
        upperLength = end - at;
        return upperLength > 0;
    }

    /** The innermost tunnel's outer source (its far end); only when {@link #tunnelHeader} is not -1. */
    Ipv6Address tunnelSource(ByteBuffer p) {
        return Ipv6Address.of(p.getLong(tunnelHeader + 8), p.getLong(tunnelHeader + 16));
    }

    /** The innermost tunnel's outer destination (this node's end). */
    Ipv6Address tunnelDestination(ByteBuffer p) {
        return Ipv6Address.of(p.getLong(tunnelHeader + 24), p.getLong(tunnelHeader + 32));
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
