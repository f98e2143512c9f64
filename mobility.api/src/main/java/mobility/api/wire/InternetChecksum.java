package mobility.api.wire;

import mobility.api.net.Ipv6Address;

/**
 * The Internet checksum (RFC 1071) with the IPv6 pseudo-header of RFC 8200 §8.1: Source Address, Destination
 * Address, Upper-Layer Packet Length (32 bits) and Next Header (zero-padded to 32 bits), followed by the
 * upper-layer data. The Mobility Header (RFC 6275 §6.1.1, Next Header 135) and ICMPv6 (RFC 4443 §2.3, 58) use it.
 *
 * <p>Which addresses go into the pseudo-header is the caller's choice: with a Home Address option the home address
 * stands for the source (RFC 6275 §6.3), with a type 2 routing header the home address it carries is the final
 * destination (RFC 8200 §8.1).
 */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    /** The checksum to write into the message, computed with the checksum field as zero. */
    public static int compute(Ipv6Address source, Ipv6Address destination, int nextHeader,
            byte[] b, int offset, int length, int checksumOffset) {
        long sum = pseudoHeaderSum(source, destination, length, nextHeader) + sum(b, offset, length)
                - NetworkBytes.u16(b, checksumOffset);
        return ~fold(sum) & 0xffff;
    }

    /** Whether the checksum in the message verifies: the sum over pseudo-header and message is 0xffff. */
    public static boolean verifies(Ipv6Address source, Ipv6Address destination, int nextHeader,
            byte[] b, int offset, int length) {
        return fold(pseudoHeaderSum(source, destination, length, nextHeader) + sum(b, offset, length)) == 0xffff;
    }

    /** Computes the checksum and writes it at {@code checksumOffset}. */
    public static void fill(Ipv6Address source, Ipv6Address destination, int nextHeader,
            byte[] b, int offset, int length, int checksumOffset) {
        NetworkBytes.put16(b, checksumOffset, 0);
        NetworkBytes.put16(b, checksumOffset, compute(source, destination, nextHeader, b, offset, length, checksumOffset));
    }

    static long pseudoHeaderSum(Ipv6Address source, Ipv6Address destination, int length, int nextHeader) {
        return words(source.high()) + words(source.low()) + words(destination.high()) + words(destination.low())
                + (length >>> 16) + (length & 0xffff) + nextHeader;
    }

    private static long words(long v) {
        return (v >>> 48) + (v >>> 32 & 0xffff) + (v >>> 16 & 0xffff) + (v & 0xffff);
    }

    /** The 16-bit words of the octets summed without folding; an odd last octet is padded with zero. */
    static long sum(byte[] b, int offset, int length) {
        long sum = 0;
        int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2) {
            sum += (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }
        if ((length & 1) != 0) {
            sum += (b[offset + length - 1] & 0xff) << 8;
        }
        return sum;
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
