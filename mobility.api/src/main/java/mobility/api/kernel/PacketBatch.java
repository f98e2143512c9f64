package mobility.api.kernel;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/**
 * Reusable buffers for receiving or sending many packets with one system call (recvmmsg(2), sendmmsg(2), or a
 * drained TUN queue). Made once by the channel that uses it; nothing is allocated per packet.
 *
 * <p>After a receive, {@link #count()} packets are in buffers 0..count-1, each a direct buffer with position at the
 * batch's headroom and limit at the end of the packet. Before a send, put each packet between its buffer's position
 * and limit, set the peer for sockets that need one, and {@link #count(int)}; an empty buffer is skipped, so a
 * packet is dropped from a batch by emptying it.
 */
@ProviderType
public interface PacketBatch {

    int capacity();

    /** The most a packet may have, in bytes. */
    int bufferSize();

    /** Bytes before each received packet in its buffer. */
    int headroom();

    int count();

    void count(int packets);

    /** The buffer of packet {@code i}: always the same direct buffer. */
    ByteBuffer buffer(int i);

    /** The interface a packet arrived on (packet sockets: sll_ifindex; raw sockets: IPV6_PKTINFO), or 0. */
    int interfaceIndex(int i);

    /** The packet type (PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4) for packet sockets. */
    int packetType(int i);

    /** Raw sockets: the upper 64 bits of the sender's address (receive) or of the destination (send). */
    long peerHigh(int i);

    long peerLow(int i);

    /** Whether the peer of packet {@code i} is {@code address}, without making an address object. */
    default boolean peerIs(int i, Ipv6Address address) {
        return peerHigh(i) == address.high() && peerLow(i) == address.low();
    }

    /** Raw sockets: the destination the packet was sent to (IPV6_PKTINFO), upper and lower 64 bits. */
    long destinationHigh(int i);

    long destinationLow(int i);

    /** Raw sockets: the hop limit the packet arrived with (IPV6_HOPLIMIT), or -1 when not asked for. */
    int hopLimit(int i);

    /** Sets where packet {@code i} goes (raw sockets) and through which interface (0: let routing choose). */
    void peer(int i, Ipv6Address destination, int interfaceIndex);

    /**
     * Sets the source address packet {@code i} is sent from (IPV6_PKTINFO); null or unspecified lets the kernel
     * choose. Sockets that include the IPv6 header take the source from the header instead.
     */
    void source(int i, Ipv6Address source);

    /**
     * The ancillary data of packet {@code i} with this level and type (e.g. IPV6_DSTOPTS, IPV6_RTHDR: the whole
     * extension header), copied, or null when the packet had none.
     */
    byte[] ancillary(int i, int level, int type);

    /** Whether packet {@code i} was longer than its buffer and was cut. */
    boolean truncated(int i);
}
