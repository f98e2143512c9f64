package mobility.tunnel;

import java.nio.ByteBuffer;

/**
 * Fragments of an outer (tunnel) packet, for a path to the far end narrower than the IPv6 minimum plus the outer
 * header. RFC 2473 §7.1 (b): the tunnel MTU never goes below 1280, so an inner packet of up to 1280 bytes is
 * encapsulated and the resulting tunnel packet is fragmented to the path MTU; the exit point's kernel reassembles it
 * before it decapsulates. RFC 8200 §4.5: the outer header is the unfragmentable part (a tunnel packet has no
 * extension headers of its own), the inner packet the fragmentable part, cut in multiples of 8 bytes, each fragment
 * behind a Fragment header (next header 41, the offset in 8-byte units, M set on all but the last).
 */
final class OuterFragments {

    static final int HEADER = 40;
    static final int FRAGMENT_HEADER = 8;
    private static final int NEXT_HEADER_FRAGMENT = 44;
    private static final int IPV6_IN_IPV6 = 41;

    private OuterFragments() {
    }

    /** The inner bytes each fragment but the last carries: what fits the path after both headers, a multiple of 8. */
    static int chunk(int pathMtu) {
        return (pathMtu - HEADER - FRAGMENT_HEADER) & ~7;
    }

    /** How many fragments an outer packet of {@code length} bytes takes on a path of {@code pathMtu}. */
    static int count(int length, int pathMtu) {
        int inner = length - HEADER;
        return (inner + chunk(pathMtu) - 1) / chunk(pathMtu);
    }

    /**
     * Writes fragment {@code index} of the outer packet {@code whole[0, length)} at position 0 of {@code out} and
     * flips {@code out} to it (position 0, limit its length); returns that length.
     */
    static int fragment(ByteBuffer whole, int length, int pathMtu, int identification, int index, ByteBuffer out) {
        int chunk = chunk(pathMtu);
        int offset = index * chunk;
        int inner = length - HEADER;
        int size = Math.min(chunk, inner - offset);
        boolean more = offset + size < inner;
        out.clear();
        out.put(0, whole, 0, HEADER);
        out.putShort(4, (short) (FRAGMENT_HEADER + size));
        out.put(6, (byte) NEXT_HEADER_FRAGMENT);
        out.put(HEADER, (byte) IPV6_IN_IPV6);
        out.put(HEADER + 1, (byte) 0);
        out.putShort(HEADER + 2, (short) (offset | (more ? 1 : 0)));
        out.putInt(HEADER + 4, identification);
        out.put(HEADER + FRAGMENT_HEADER, whole, HEADER + offset, size);
        int total = HEADER + FRAGMENT_HEADER + size;
        out.position(0).limit(total);
        return total;
    }
}
