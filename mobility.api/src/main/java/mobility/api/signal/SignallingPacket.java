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
 * @param arrival how a received packet came: through which tunnel, with which protection; {@link Arrival#DIRECT}
 *        for a packet to send
 */
public record SignallingPacket(int protocol, int interfaceIndex, Ipv6Address source, Ipv6Address destination,
        Ipv6Address homeAddress, Ipv6Address routingHeaderAddress, int hopLimit, byte[] message, Arrival arrival) {

    /**
     * How a received packet reached this node, beyond its own headers. RFC 6275 §11.6.2 accepts a Home Test only when
     * it came through the tunnel from the home agent; §10.3.1 and RFC 3776 accept a home registration only when IPsec
     * protected it.
     *
     * @param tunnelled it arrived inside IPv6-in-IPv6 (RFC 2473) and was taken out of a tunnel on its way here
     * @param tunnelSource the outer source address (the tunnel's far end) where the path saw it; null when the
     *        packet came out of a kernel tunnel device, which accepts only its configured far end
     * @param tunnelDestination the outer destination address (this node's end of the tunnel), null where unknown
     * @param ipsecProtected an IPsec SA (ESP or AH, RFC 4301) protected it on its way in
     */
    public record Arrival(boolean tunnelled, Ipv6Address tunnelSource, Ipv6Address tunnelDestination,
            boolean ipsecProtected) {

        /** Neither tunnelled nor protected. */
        public static final Arrival DIRECT = new Arrival(false, null, null, false);

        /** Out of a tunnel from {@code source} to {@code destination} (either may be null where unknown). */
        public static Arrival tunnelled(Ipv6Address source, Ipv6Address destination) {
            return new Arrival(true, source, destination, false);
        }

        /** The same arrival, IPsec-protected. */
        public Arrival protectedByIpsec() {
            return new Arrival(tunnelled, tunnelSource, tunnelDestination, true);
        }

        /** Whether it came out of a tunnel whose far end is {@code farEnd} (or a kernel tunnel device, §11.6.2). */
        public boolean tunnelledFrom(Ipv6Address farEnd) {
            return tunnelled && (tunnelSource == null || tunnelSource.equals(farEnd));
        }
    }

    /** A packet that came, or goes, directly: {@link Arrival#DIRECT}. */
    public SignallingPacket(int protocol, int interfaceIndex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, Ipv6Address routingHeaderAddress, int hopLimit, byte[] message) {
        this(protocol, interfaceIndex, source, destination, homeAddress, routingHeaderAddress, hopLimit, message,
                Arrival.DIRECT);
    }

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
        if (arrival == null) {
            arrival = Arrival.DIRECT;
        }
    }

    /** The address the packet is finally for: the Type 2 routing header's home address when present (§6.4). */
    public Ipv6Address finalDestination() {
        return routingHeaderAddress != null ? routingHeaderAddress : destination;
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
