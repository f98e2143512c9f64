package mobility.api.wire.ipv6;

import static mobility.api.wire.NetworkBytes.u16;
import static mobility.api.wire.NetworkBytes.u8;

import java.util.Objects;

import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The plain-Java {@link WireCodec}: walks the IPv6 header chain (RFC 8200 §4) to the Mobility Header or ICMPv6
 * message, taking the home address from a Home Address option (RFC 6275 §6.3) or type 2 routing header (§6.4) into
 * the checksum's pseudo-header. Thread-safe and immutable.
 *
 * <p>What it rejects, and the answer it names: a truncated packet or header, a version other than 6, a malformed or
 * misplaced Home Address option, a bad checksum, a Neighbor Discovery message with a Hop Limit other than 255 (RFC
 * 4861 §6.1): silent discard; an unknown destination option whose type asks for it (RFC 8200 §4.2): Parameter
 * Problem code 2; a type 2 routing header whose Hdr Ext Len is not 2 or Segments Left not 1, or another routing type
 * with Segments Left above 0 (RFC 8200 §4.4): Parameter Problem code 0. Packets ending in another protocol (TCP,
 * UDP, ESP, ...) are returned undecoded, and so are fragments.
 */
public final class Ipv6PacketCodec implements WireCodec {

    private static final String HEADER = "IPv6 header";

    private final MobilityHeaderCodec mobilityHeaderCodec;

    public Ipv6PacketCodec(MobilityHeaderCodec mobilityHeaderCodec) {
        this.mobilityHeaderCodec = Objects.requireNonNull(mobilityHeaderCodec, "mobilityHeaderCodec");
    }

    /** A codec that knows the standard mobility options and no extension. */
    public static Ipv6PacketCodec standard() {
        return new Ipv6PacketCodec(MobilityHeaderCodec.standard());
    }

    @Override
    public Ipv6Packet decode(byte[] packet, int offset, int length) throws WireFormatException {
        return decode(packet, offset, length, true);
    }

    @Override
    public Ipv6Packet inspect(byte[] packet, int offset, int length) throws WireFormatException {
        return decode(packet, offset, length, false);
    }

    @Override
    public MobilityHeaderCodec mobilityHeaderCodec() {
        return mobilityHeaderCodec;
    }

    @Override
    public Ipv6PacketBuilder packet(MobilityMessage message) {
        return new Ipv6PacketBuilder(mobilityHeaderCodec, message, null);
    }

    @Override
    public Ipv6PacketBuilder packet(Icmpv6Message message) {
        return new Ipv6PacketBuilder(mobilityHeaderCodec, null, message);
    }

    private Ipv6Packet decode(byte[] b, int p, int length, boolean discardBadChecksum) throws WireFormatException {
        Objects.checkFromIndexSize(p, length, b.length);
        if (length < Ipv6Header.LENGTH) {
            throw WireFormatException.silentDiscard(HEADER, "Payload Length", 0,
                    "only " + length + " octets, fewer than the 40 of the IPv6 header");
        }
        int first = (int) NetworkBytes.u32(b, p);
        if (first >>> 28 != Ipv6Header.VERSION) {
            throw WireFormatException.silentDiscard(HEADER, "Version", 0, "Version " + (first >>> 28) + ", not 6");
        }
        int payloadLength = u16(b, p + Ipv6Header.PAYLOAD_LENGTH);
        int end = Ipv6Header.LENGTH + payloadLength;
        if (end > length) {
            throw WireFormatException.silentDiscard(HEADER, "Payload Length", Ipv6Header.PAYLOAD_LENGTH, "Payload Length "
                    + payloadLength + " but only " + (length - Ipv6Header.LENGTH) + " octets follow the header (truncated)");
        }
        Ipv6Address source = Ipv6Address.read(b, p + Ipv6Header.SOURCE_ADDRESS);
        Ipv6Address destination = Ipv6Address.read(b, p + Ipv6Header.DESTINATION_ADDRESS);
        int hopLimit = u8(b, p + Ipv6Header.HOP_LIMIT);
        int nextHeader = u8(b, p + Ipv6Header.NEXT_HEADER);
        int nextHeaderAt = Ipv6Header.NEXT_HEADER;
        int at = Ipv6Header.LENGTH;
        Ipv6Address homeAddress = null;
        Ipv6Address routed = null;
        boolean fragment = false;
        boolean walking = true;
        while (walking) {
            switch (nextHeader) {
                case IpProtocol.HOP_BY_HOP_OPTIONS, IpProtocol.DESTINATION_OPTIONS, IpProtocol.ROUTING,
                        IpProtocol.FRAGMENT, IpProtocol.AUTHENTICATION_HEADER -> {
                    if (nextHeader == IpProtocol.HOP_BY_HOP_OPTIONS && at != Ipv6Header.LENGTH) {
                        // RFC 8200 §4.1: Hop-by-Hop Options only immediately after the IPv6 header.
                        throw WireFormatException.parameterProblem(HEADER, "Next Header", nextHeaderAt,
                                WireFormatException.UNRECOGNIZED_NEXT_HEADER, "Hop-by-Hop Options header not first");
                    }
                    int headerLength = extensionLength(b, p, at, end, nextHeader);
                    switch (nextHeader) {
                        case IpProtocol.DESTINATION_OPTIONS, IpProtocol.HOP_BY_HOP_OPTIONS -> {
                            Ipv6Address h = options(b, p, at, at + headerLength, destination, nextHeader);
                            if (h != null) {
                                if (homeAddress != null || nextHeader == IpProtocol.HOP_BY_HOP_OPTIONS) {
                                    throw WireFormatException.silentDiscard("Home Address option", "Option Type",
                                            at, "Home Address option outside the one Destination Options header "
                                                    + "allowed to carry it (§6.3)");
                                }
                                homeAddress = h;
                            }
                        }
                        case IpProtocol.ROUTING -> {
                            Ipv6Address r = routing(b, p, at, headerLength);
                            if (r != null) {
                                if (routed != null) {
                                    throw WireFormatException.silentDiscard("Type 2 Routing Header", "Routing Type",
                                            at + Type2RoutingHeader.ROUTING_TYPE, "second type 2 routing header");
                                }
                                routed = r;
                            }
                        }
                        case IpProtocol.FRAGMENT -> fragment = true;
                        default -> {
                            // The Authentication Header is skipped: this codec does not verify IPsec.
                        }
                    }
                    nextHeaderAt = at;
                    nextHeader = u8(b, p + at);
                    at += headerLength;
                    walking = !fragment;
                }
                default -> walking = false;
            }
        }
        Ipv6Address pseudoSource = homeAddress != null ? homeAddress : source;
        Ipv6Address pseudoDestination = routed != null ? routed : destination;
        MobilityMessage mobility = null;
        Icmpv6Message icmp = null;
        Ipv6Packet.Checksum checksum = Ipv6Packet.Checksum.NOT_APPLICABLE;
        int upper = end - at;
        if (!fragment && nextHeader == IpProtocol.MOBILITY_HEADER) {
            try {
                if (discardBadChecksum) {
                    mobility = mobilityHeaderCodec.decode(b, p + at, upper, pseudoSource, pseudoDestination);
                    checksum = Ipv6Packet.Checksum.VALID;
                } else {
                    mobility = mobilityHeaderCodec.decodeUnverified(b, p + at, upper);
                    checksum = MobilityHeaderCodec.checksumVerifies(b, p + at, (u8(b, p + at + 1) + 1) * 8,
                            pseudoSource, pseudoDestination) ? Ipv6Packet.Checksum.VALID : Ipv6Packet.Checksum.INVALID;
                }
            } catch (WireFormatException e) {
                throw e.shifted(at);
            }
        } else if (!fragment && nextHeader == IpProtocol.ICMPV6) {
            try {
                if (discardBadChecksum) {
                    icmp = Icmpv6Codec.decode(b, p + at, upper, pseudoSource, pseudoDestination);
                    checksum = Ipv6Packet.Checksum.VALID;
                } else {
                    icmp = Icmpv6Codec.decodeUnverified(b, p + at, upper);
                    checksum = Icmpv6Codec.checksumVerifies(b, p + at, upper, pseudoSource, pseudoDestination)
                            ? Ipv6Packet.Checksum.VALID : Ipv6Packet.Checksum.INVALID;
                }
            } catch (WireFormatException e) {
                throw e.shifted(at);
            }
            int type = icmp.icmpType();
            if (type >= Icmpv6Message.ROUTER_SOLICITATION && type <= Icmpv6Message.NEIGHBOR_ADVERTISEMENT
                    && hopLimit != 255) {
                throw WireFormatException.silentDiscard(icmp.name(), "Hop Limit", Ipv6Header.HOP_LIMIT, "Hop Limit "
                        + hopLimit + ": Neighbor Discovery messages must arrive with 255 (RFC 4861 §6.1)");
            }
        }
        return new Ipv6Packet(first >>> 20 & 0xff, first & 0xfffff, hopLimit, source, destination, homeAddress, routed,
                nextHeader, at, upper, fragment, mobility, icmp, checksum);
    }

    /** The name an error gives an extension header; built only for an error, never per packet. */
    private static String headerName(int type) {
        return IpProtocol.name(type) + " header";
    }

    /** The extension header's length in octets, checked against the packet's end. */
    private static int extensionLength(byte[] b, int p, int at, int end, int type) throws WireFormatException {
        if (at + 8 > end) {
            throw WireFormatException.silentDiscard(headerName(type), "Hdr Ext Len", at + 1,
                    "header of at least 8 octets starts " + (end - at) + " octets before the end of the payload");
        }
        int length = type == IpProtocol.FRAGMENT ? 8
                : type == IpProtocol.AUTHENTICATION_HEADER ? (u8(b, p + at + 1) + 2) * 4
                : (u8(b, p + at + 1) + 1) * Ipv6Header.EXTENSION_LENGTH_UNIT;
        if (at + length > end) {
            throw WireFormatException.silentDiscard(headerName(type), "Hdr Ext Len", at + 1,
                    "header of " + length + " octets runs past the end of the payload (truncated)");
        }
        return length;
    }

    /**
     * Walks the options of a Hop-by-Hop or Destination Options header (RFC 8200 §4.2) and returns the home address
     * of a Home Address option, or null.
     */
    private static Ipv6Address options(byte[] b, int p, int header, int end, Ipv6Address destination, int type)
            throws WireFormatException {
        Ipv6Address homeAddress = null;
        int i = header + 2;
        while (i < end) {
            int option = u8(b, p + i);
            if (option == HomeAddressOption.PAD1) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                throw WireFormatException.silentDiscard(headerName(type), "Opt Data Len", i, "option without its length");
            }
            int length = u8(b, p + i + 1);
            if (i + 2 + length > end) {
                throw WireFormatException.silentDiscard(headerName(type), "Opt Data Len", i + 1,
                        "option of " + length + " octets runs past the end of the header");
            }
            if (option == HomeAddressOption.OPTION_TYPE) {
                if (homeAddress != null) {
                    throw WireFormatException.silentDiscard("Home Address option", "Option Type", i,
                            "second Home Address option (§6.3)");
                }
                homeAddress = homeAddress(b, p, header, i, length);
            } else if (option != HomeAddressOption.PADN) {
                unknownOption(type, option, i, destination);
            }
            i += 2 + length;
        }
        return homeAddress;
    }

    private static Ipv6Address homeAddress(byte[] b, int p, int header, int i, int length)
            throws WireFormatException {
        String name = "Home Address option";
        if ((i - header) % HomeAddressOption.ALIGNMENT_MULTIPLE != HomeAddressOption.ALIGNMENT_OFFSET) {
            throw WireFormatException.silentDiscard(name, "Option Type", i,
                    "option at offset " + (i - header) + " of its header breaks the alignment 8n+6 (§6.3)");
        }
        if (length != HomeAddressOption.OPTION_LENGTH) {
            throw WireFormatException.silentDiscard(name, "Option Length", i + 1, "Option Length " + length
                    + ", must be 16");
        }
        Ipv6Address home = Ipv6Address.read(b, p + i + 2);
        if (home.isMulticast() || home.isUnspecified()) {
            throw WireFormatException.silentDiscard(name, "Home Address", i + 2,
                    "home address " + home + " is not a unicast address (§6.3)");
        }
        return home;
    }

    /** RFC 8200 §4.2: the two high bits of an unknown option's type say what the receiver does. */
    private static void unknownOption(int type, int option, int i, Ipv6Address destination)
            throws WireFormatException {
        if (option >>> 6 == 0) {
            return; // 00: skip over this option and continue processing the header.
        }
        String name = headerName(type);
        switch (option >>> 6) {
            case 1 -> throw WireFormatException.silentDiscard(name, "Option Type", i,
                    "unrecognized option " + option + " whose type says discard");
            case 2 -> throw WireFormatException.parameterProblem(name, "Option Type", i,
                    WireFormatException.UNRECOGNIZED_IPV6_OPTION, "unrecognized option " + option);
            default -> {
                if (destination.isMulticast()) {
                    throw WireFormatException.silentDiscard(name, "Option Type", i, "unrecognized option " + option
                            + " in a packet to a multicast address");
                }
                throw WireFormatException.parameterProblem(name, "Option Type", i,
                        WireFormatException.UNRECOGNIZED_IPV6_OPTION, "unrecognized option " + option);
            }
        }
    }

    /** The home address of a type 2 routing header, or null for another routing type with no segments left. */
    private static Ipv6Address routing(byte[] b, int p, int at, int length) throws WireFormatException {
        int routingType = u8(b, p + at + Type2RoutingHeader.ROUTING_TYPE);
        int segmentsLeft = u8(b, p + at + Type2RoutingHeader.SEGMENTS_LEFT);
        if (routingType != Type2RoutingHeader.TYPE) {
            if (segmentsLeft == 0) {
                return null;
            }
            throw WireFormatException.parameterProblem("Routing header", "Routing Type",
                    at + Type2RoutingHeader.ROUTING_TYPE, WireFormatException.ERRONEOUS_HEADER_FIELD,
                    "Routing Type " + routingType + " with Segments Left " + segmentsLeft + " (RFC 8200 §4.4)");
        }
        String name = "Type 2 Routing Header";
        if (length != Type2RoutingHeader.LENGTH) {
            throw WireFormatException.parameterProblem(name, "Hdr Ext Len", at + Type2RoutingHeader.HDR_EXT_LEN,
                    WireFormatException.ERRONEOUS_HEADER_FIELD, "Hdr Ext Len " + (length / 8 - 1) + ", must be 2 (§6.4)");
        }
        if (segmentsLeft != Type2RoutingHeader.SEGMENTS) {
            throw WireFormatException.parameterProblem(name, "Segments Left", at + Type2RoutingHeader.SEGMENTS_LEFT,
                    WireFormatException.ERRONEOUS_HEADER_FIELD, "Segments Left " + segmentsLeft + ", must be 1 (§6.4)");
        }
        Ipv6Address home = Ipv6Address.read(b, p + at + Type2RoutingHeader.HOME_ADDRESS);
        if (home.isMulticast() || home.isUnspecified()) {
            throw WireFormatException.silentDiscard(name, "Home Address", at + Type2RoutingHeader.HOME_ADDRESS,
                    "home address " + home + " is not a unicast address (§6.4)");
        }
        return home;
    }
}
