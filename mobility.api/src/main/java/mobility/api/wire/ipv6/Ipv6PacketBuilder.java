package mobility.api.wire.ipv6;

import java.util.Objects;

import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.rr.BindingManagementKey;

/**
 * Builds a whole IPv6 packet around a Mobility Header or ICMPv6 message: the fixed header, a type 2 routing header
 * and a Destination Options header with the Home Address option in the order RFC 6275 §6.3 asks (routing header
 * first), and the upper-layer checksum over the pseudo-header with the home addresses (§6.1.1). Not thread-safe;
 * one builder per packet.
 */
public final class Ipv6PacketBuilder {

    /** RFC 4861 §6.1: Neighbor Discovery messages go out with the Hop Limit 255; everything else uses 64 here. */
    public static final int DEFAULT_HOP_LIMIT = 64;

    private final MobilityHeaderCodec codec;
    private final MobilityMessage mobility;
    private final Icmpv6Message icmp;
    private Ipv6Address source;
    private Ipv6Address destination;
    private Ipv6Address homeAddressOption;
    private Ipv6Address routingHeaderHomeAddress;
    private int hopLimit;
    private int trafficClass;
    private int flowLabel;
    private BindingManagementKey authorizationKey;
    private Ipv6Address authorizationCareOf;
    private Ipv6Address authorizationCorrespondent;

    Ipv6PacketBuilder(MobilityHeaderCodec codec, MobilityMessage mobility, Icmpv6Message icmp) {
        this.codec = codec;
        this.mobility = mobility;
        this.icmp = icmp;
        int type = icmp == null ? -1 : icmp.icmpType();
        this.hopLimit = type >= Icmpv6Message.ROUTER_SOLICITATION && type <= Icmpv6Message.NEIGHBOR_ADVERTISEMENT
                ? 255 : DEFAULT_HOP_LIMIT;
    }

    public Ipv6PacketBuilder source(Ipv6Address address) {
        this.source = address;
        return this;
    }

    public Ipv6PacketBuilder destination(Ipv6Address address) {
        this.destination = address;
        return this;
    }

    /** Adds a Home Address destination option (§6.3); the Source Address is then the care-of address. */
    public Ipv6PacketBuilder homeAddressOption(Ipv6Address homeAddress) {
        this.homeAddressOption = homeAddress;
        return this;
    }

    /** Adds a type 2 routing header (§6.4); the Destination Address is then the care-of address. */
    public Ipv6PacketBuilder type2RoutingHeader(Ipv6Address homeAddress) {
        this.routingHeaderHomeAddress = homeAddress;
        return this;
    }

    public Ipv6PacketBuilder hopLimit(int hopLimit) {
        if (hopLimit >>> 8 != 0) {
            throw new IllegalArgumentException("Hop Limit out of 0..255: " + hopLimit);
        }
        this.hopLimit = hopLimit;
        return this;
    }

    public Ipv6PacketBuilder trafficClass(int trafficClass) {
        if (trafficClass >>> 8 != 0) {
            throw new IllegalArgumentException("Traffic Class out of 0..255: " + trafficClass);
        }
        this.trafficClass = trafficClass;
        return this;
    }

    public Ipv6PacketBuilder flowLabel(int flowLabel) {
        if (flowLabel >>> 20 != 0) {
            throw new IllegalArgumentException("Flow Label is 20 bits: " + flowLabel);
        }
        this.flowLabel = flowLabel;
        return this;
    }

    /**
     * Computes the Binding Authorization Data of the Mobility Header with Kbm over the encoded message (§5.2.6)
     * before the checksum; the message must carry {@code BindingAuthorizationData.UNSIGNED} or any value as a place
     * for it.
     */
    public Ipv6PacketBuilder authorize(BindingManagementKey kbm, Ipv6Address careOfAddress,
            Ipv6Address correspondent) {
        if (mobility == null || mobility.bindingAuthorizationData().isEmpty()) {
            throw new IllegalStateException("only a Mobility Header with Binding Authorization Data is authorized");
        }
        this.authorizationKey = kbm;
        this.authorizationCareOf = careOfAddress;
        this.authorizationCorrespondent = correspondent;
        return this;
    }

    /** The packet's octets. */
    public byte[] build() {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        int upper = mobility != null ? codec.encodedLength(mobility) : Icmpv6Codec.encodedLength(icmp);
        int extensions = (routingHeaderHomeAddress != null ? Type2RoutingHeader.LENGTH : 0)
                + (homeAddressOption != null ? HomeAddressOption.HEADER_LENGTH : 0);
        int payload = extensions + upper;
        if (payload > 0xffff) {
            throw new IllegalArgumentException("payload of " + payload + " octets needs a jumbogram");
        }
        byte[] b = new byte[Ipv6Header.LENGTH + payload];
        int upperProtocol = mobility != null ? IpProtocol.MOBILITY_HEADER : IpProtocol.ICMPV6;
        int afterRouting = homeAddressOption != null ? IpProtocol.DESTINATION_OPTIONS : upperProtocol;
        int first = routingHeaderHomeAddress != null ? IpProtocol.ROUTING : afterRouting;
        NetworkBytes.put32(b, Ipv6Header.VERSION_CLASS_FLOW,
                (long) Ipv6Header.VERSION << 28 | (long) trafficClass << 20 | flowLabel);
        NetworkBytes.put16(b, Ipv6Header.PAYLOAD_LENGTH, payload);
        NetworkBytes.put8(b, Ipv6Header.NEXT_HEADER, first);
        NetworkBytes.put8(b, Ipv6Header.HOP_LIMIT, hopLimit);
        source.write(b, Ipv6Header.SOURCE_ADDRESS);
        destination.write(b, Ipv6Header.DESTINATION_ADDRESS);
        int at = Ipv6Header.LENGTH;
        if (routingHeaderHomeAddress != null) {
            at += Type2RoutingHeader.write(b, at, afterRouting, routingHeaderHomeAddress);
        }
        if (homeAddressOption != null) {
            at += HomeAddressOption.write(b, at, upperProtocol, homeAddressOption);
        }
        Ipv6Address pseudoSource = homeAddressOption != null ? homeAddressOption : source;
        Ipv6Address pseudoDestination = routingHeaderHomeAddress != null ? routingHeaderHomeAddress : destination;
        if (mobility != null) {
            codec.encodeUnchecksummed(mobility, b, at);
            if (authorizationKey != null) {
                authorizationKey.sign(authorizationCareOf, authorizationCorrespondent, b, at, upper);
            }
            MobilityHeaderCodec.fillChecksum(b, at, upper, pseudoSource, pseudoDestination);
        } else {
            Icmpv6Codec.encode(icmp, pseudoSource, pseudoDestination, b, at);
        }
        return b;
    }
}
