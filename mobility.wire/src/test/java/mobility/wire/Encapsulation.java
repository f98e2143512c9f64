package mobility.wire;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.ipv6.Ipv6Header;

/**
 * Test packets through a tunnel: an IPv6 packet the codec built, put behind an outer IPv6 header as a tunnel entry
 * point does (RFC 2473 §3), with the codec's header offsets rather than its builder, which makes no such packets.
 */
final class Encapsulation {

    private Encapsulation() {
    }

    /** {@code inner} behind an outer header from {@code source} to {@code destination}, Next Header 41. */
    static byte[] encapsulated(Ipv6Address source, Ipv6Address destination, byte[] inner) {
        byte[] p = new byte[Ipv6Header.LENGTH + inner.length];
        NetworkBytes.put32(p, Ipv6Header.VERSION_CLASS_FLOW, (long) Ipv6Header.VERSION << 28);
        NetworkBytes.put16(p, Ipv6Header.PAYLOAD_LENGTH, inner.length);
        NetworkBytes.put8(p, Ipv6Header.NEXT_HEADER, Tunnel.IPV6_IN_IPV6);
        NetworkBytes.put8(p, Ipv6Header.HOP_LIMIT, 64);
        source.write(p, Ipv6Header.SOURCE_ADDRESS);
        destination.write(p, Ipv6Header.DESTINATION_ADDRESS);
        System.arraycopy(inner, 0, p, Ipv6Header.LENGTH, inner.length);
        return p;
    }
}
