package mobility.api.wire.ipv6;

import java.util.Optional;

import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityMessage;

/**
 * A decoded IPv6 packet: the fixed header's fields, the home address a Home Address option or type 2 routing header
 * carries, and the Mobility Header or ICMPv6 message it ends with, if any. Immutable.
 */
public final class Ipv6Packet {

    /** Checksum verdicts. */
    public enum Checksum {
        /** The upper-layer checksum verifies. */
        VALID,
        /** It does not: a receiver discards the packet silently (RFC 6275 §9.2, RFC 4443 §2.3). */
        INVALID,
        /** Nothing was checked: the packet ends with neither a Mobility Header nor ICMPv6. */
        NOT_APPLICABLE
    }

    private final int trafficClass;
    private final int flowLabel;
    private final int hopLimit;
    private final Ipv6Address source;
    private final Ipv6Address destination;
    private final Ipv6Address homeAddressOption;
    private final Ipv6Address routingHeaderHomeAddress;
    private final int upperLayerProtocol;
    private final int upperLayerOffset;
    private final int upperLayerLength;
    private final boolean fragment;
    private final MobilityMessage mobilityMessage;
    private final Icmpv6Message icmpv6Message;
    private final Checksum checksum;

    Ipv6Packet(int trafficClass, int flowLabel, int hopLimit, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddressOption, Ipv6Address routingHeaderHomeAddress, int upperLayerProtocol,
            int upperLayerOffset, int upperLayerLength, boolean fragment, MobilityMessage mobilityMessage,
            Icmpv6Message icmpv6Message, Checksum checksum) {
        this.trafficClass = trafficClass;
        this.flowLabel = flowLabel;
        this.hopLimit = hopLimit;
        this.source = source;
        this.destination = destination;
        this.homeAddressOption = homeAddressOption;
        this.routingHeaderHomeAddress = routingHeaderHomeAddress;
        this.upperLayerProtocol = upperLayerProtocol;
        this.upperLayerOffset = upperLayerOffset;
        this.upperLayerLength = upperLayerLength;
        this.fragment = fragment;
        this.mobilityMessage = mobilityMessage;
        this.icmpv6Message = icmpv6Message;
        this.checksum = checksum;
    }

    public int trafficClass() {
        return trafficClass;
    }

    public int flowLabel() {
        return flowLabel;
    }

    public int hopLimit() {
        return hopLimit;
    }

    public Ipv6Address source() {
        return source;
    }

    public Ipv6Address destination() {
        return destination;
    }

    /** The home address of a Home Address destination option (RFC 6275 §6.3). */
    public Optional<Ipv6Address> homeAddressOption() {
        return Optional.ofNullable(homeAddressOption);
    }

    /** The home address of a type 2 routing header (RFC 6275 §6.4). */
    public Optional<Ipv6Address> routingHeaderHomeAddress() {
        return Optional.ofNullable(routingHeaderHomeAddress);
    }

    /**
     * {@link #homeAddressOption()} as the address or null: for a caller that reads millions of packets, such as a
     * capture decoder, and would otherwise make an Optional for each.
     */
    public Ipv6Address homeAddressOptionOrNull() {
        return homeAddressOption;
    }

    /** {@link #routingHeaderHomeAddress()} as the address or null (see {@link #homeAddressOptionOrNull()}). */
    public Ipv6Address routingHeaderHomeAddressOrNull() {
        return routingHeaderHomeAddress;
    }

    /** The source the upper layer sees: the home address of a Home Address option, else the Source Address. */
    public Ipv6Address effectiveSource() {
        return homeAddressOption != null ? homeAddressOption : source;
    }

    /** The final destination: the home address of a type 2 routing header, else the Destination Address. */
    public Ipv6Address effectiveDestination() {
        return routingHeaderHomeAddress != null ? routingHeaderHomeAddress : destination;
    }

    /** The Next Header value after the extension headers: 135, 58, 6, 17, 59, 50, 44 (a fragment), ... */
    public int upperLayerProtocol() {
        return upperLayerProtocol;
    }

    /** Octets from the packet's first octet to the upper-layer header. */
    public int upperLayerOffset() {
        return upperLayerOffset;
    }

    public int upperLayerLength() {
        return upperLayerLength;
    }

    /** Whether the packet is a fragment, whose upper layer this codec does not reassemble or decode. */
    public boolean fragment() {
        return fragment;
    }

    public Optional<MobilityMessage> mobilityMessage() {
        return Optional.ofNullable(mobilityMessage);
    }

    public Optional<Icmpv6Message> icmpv6Message() {
        return Optional.ofNullable(icmpv6Message);
    }

    /** {@link #mobilityMessage()} as the message or null (see {@link #homeAddressOptionOrNull()}). */
    public MobilityMessage mobilityMessageOrNull() {
        return mobilityMessage;
    }

    /** {@link #icmpv6Message()} as the message or null (see {@link #homeAddressOptionOrNull()}). */
    public Icmpv6Message icmpv6MessageOrNull() {
        return icmpv6Message;
    }

    public Checksum checksum() {
        return checksum;
    }

    @Override
    public String toString() {
        return "Ipv6Packet[" + source + " -> " + destination
                + (homeAddressOption != null ? ", home address option " + homeAddressOption : "")
                + (routingHeaderHomeAddress != null ? ", type 2 routing header " + routingHeaderHomeAddress : "")
                + ", " + IpProtocol.name(upperLayerProtocol)
                + (mobilityMessage != null ? ", " + mobilityMessage : "")
                + (icmpv6Message != null ? ", " + icmpv6Message : "") + ", checksum " + checksum + "]";
    }
}
