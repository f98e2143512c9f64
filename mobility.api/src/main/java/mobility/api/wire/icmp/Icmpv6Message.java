package mobility.api.wire.icmp;

/**
 * An ICMPv6 message (RFC 4443 §2.1): Type, Code, Checksum, then a body. {@link Icmpv6Codec} writes the first four
 * octets and the checksum; the message writes its body.
 */
public sealed interface Icmpv6Message permits RouterSolicitation, RouterAdvertisement, NeighborSolicitation,
        NeighborAdvertisement, HomeAgentAddressDiscoveryRequest, HomeAgentAddressDiscoveryReply,
        MobilePrefixSolicitation, MobilePrefixAdvertisement, ParameterProblem, OtherIcmpv6Message {

    /** Offsets from the first octet of the message. */
    int TYPE = 0;
    int CODE = 1;
    int CHECKSUM = 2;
    int BODY = 4;

    /** ICMPv6 Type values. */
    int PARAMETER_PROBLEM = 4;
    int ROUTER_SOLICITATION = 133;
    int ROUTER_ADVERTISEMENT = 134;
    int NEIGHBOR_SOLICITATION = 135;
    int NEIGHBOR_ADVERTISEMENT = 136;
    int HOME_AGENT_ADDRESS_DISCOVERY_REQUEST = 144;
    int HOME_AGENT_ADDRESS_DISCOVERY_REPLY = 145;
    int MOBILE_PREFIX_SOLICITATION = 146;
    int MOBILE_PREFIX_ADVERTISEMENT = 147;

    int icmpType();

    default int code() {
        return 0;
    }

    /** Octets after the first four (Type, Code, Checksum). */
    int bodyLength();

    /** Writes the octets after the first four at {@code offset}. */
    void writeBody(byte[] b, int offset);

    default String name() {
        return typeName(icmpType());
    }

    static String typeName(int type) {
        return switch (type) {
            case PARAMETER_PROBLEM -> "Parameter Problem";
            case ROUTER_SOLICITATION -> "Router Solicitation";
            case ROUTER_ADVERTISEMENT -> "Router Advertisement";
            case NEIGHBOR_SOLICITATION -> "Neighbor Solicitation";
            case NEIGHBOR_ADVERTISEMENT -> "Neighbor Advertisement";
            case HOME_AGENT_ADDRESS_DISCOVERY_REQUEST -> "Home Agent Address Discovery Request";
            case HOME_AGENT_ADDRESS_DISCOVERY_REPLY -> "Home Agent Address Discovery Reply";
            case MOBILE_PREFIX_SOLICITATION -> "Mobile Prefix Solicitation";
            case MOBILE_PREFIX_ADVERTISEMENT -> "Mobile Prefix Advertisement";
            default -> "ICMPv6 type " + type;
        };
    }
}
