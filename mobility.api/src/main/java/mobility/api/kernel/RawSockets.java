package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** Opens raw IPv6 sockets in a network namespace. */
@ProviderType
public interface RawSockets {

    /** What the socket reports and how it sends. */
    enum Option {
        /** Report each packet's destination and interface (IPV6_RECVPKTINFO). */
        PACKET_INFO,
        /** Report each packet's hop limit (IPV6_RECVHOPLIMIT). */
        HOP_LIMIT,
        /** Report the Destination Options header a packet carried (IPV6_RECVDSTOPTS): the Home Address option. */
        DESTINATION_OPTIONS,
        /** Report the routing header a packet carried (IPV6_RECVRTHDR): the Type 2 routing header. */
        ROUTING_HEADER,
        /** Send with hop limit 255 to unicast and multicast destinations (Neighbor Discovery, RFC 4861 §6.1). */
        HOP_LIMIT_255,
        /** The kernel computes and verifies the checksum at this offset of the payload (IPV6_CHECKSUM 4, for MH). */
        MOBILITY_HEADER_CHECKSUM
    }

    /** A socket that sends whole IPv6 packets (IPPROTO_RAW, header included) and receives nothing. */
    RawSocket openHeaderIncluded(NetworkNamespace namespace);

    /** A socket for upper-layer protocol {@code protocol} (41, 58, 135...). */
    RawSocket open(NetworkNamespace namespace, int protocol, Option... options);
}
