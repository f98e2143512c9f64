package mobility.api.signal;

import java.util.Objects;

import mobility.api.net.Ipv6Address;

/**
 * One signalling message and the IPv6 packet around it.
 *
 * @param protocol {@link #MOBILITY_HEADER} or {@link #ICMPV6}
 * @param interfaceIndex the interface it arrived on, or leaves by (0: let routing choose)
 * @param source the IPv6 source address (a care-of address when the Home Address option is present)
 * @param destination the IPv6 destination address (a care-of address when a Type 2 routing header is present)
 * @param homeAddress the Home Address destination option's address (§6.3), or null
 * @param routingHeaderAddress the Type 2 routing header's address (§6.4: the home address), or null
 * @param hopLimit the IPv6 hop limit (255 for Neighbor Discovery, RFC 4861 §6.1)
 * @param message the Mobility Header or the ICMPv6 message, from its first byte; the checksum is computed on send
 */
public record SignallingPacket(int protocol, int interfaceIndex, Ipv6Address source, Ipv6Address destination,
        Ipv6Address homeAddress, Ipv6Address routingHeaderAddress, int hopLimit, byte[] message) {

    /** IPv6 next header value of the Mobility Header (RFC 6275 §6.1). */
    public static final int MOBILITY_HEADER = 135;
    /** IPv6 next header value of ICMPv6. */
    public static final int ICMPV6 = 58;

    public SignallingPacket {
        if (protocol != MOBILITY_HEADER && protocol != ICMPV6) {
            throw new IllegalArgumentException("signalling is protocol 135 or 58, not " + protocol);
        }
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }

    /** The Mobility Header type (§6.1.1) or ICMPv6 type of the message, -1 when it is too short to have one. */
    public int type() {
        if (protocol == MOBILITY_HEADER) {
            return message.length > 2 ? message[2] & 0xff : -1;
        }
        return message.length > 0 ? message[0] & 0xff : -1;
    }

    /** The address that identifies the sender: the home address when the packet carries one (§9.3.1). */
    public Ipv6Address effectiveSource() {
        return homeAddress != null ? homeAddress : source;
    }
}
