package mobility.tunnel;

import java.nio.ByteBuffer;

/**
 * The virtio_net_hdr a decapsulated packet is written to the TUN device with (virtio 1.x §5.1.6, little-endian on
 * this architecture): flags, gso_type, hdr_len, gso_size, csum_start, csum_offset.
 *
 * <p>Why: a packet that crossed a veth inside one machine may still carry a partial checksum — the sender's kernel
 * left the TCP or UDP checksum to "hardware", so the field holds only the pseudo-header sum (RFC 8200 §8.1) — and it
 * may be a segmentation-offload packet of up to 64 KiB. Decapsulated in user space, such a packet would leave with
 * a wrong checksum, or too big for the next link. The header hands both jobs back to the kernel: NEEDS_CSUM for a
 * partial checksum, TCPV6 segmentation for a TCP packet longer than the tunnel MTU.
 */
final class VirtioHeader {

    static final int LENGTH = 10;
    private static final int NEEDS_CSUM = 1;
    private static final int GSO_TCPV6 = 4;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_CHECKSUM = 16;
    private static final int UDP_CHECKSUM = 6;

    private VirtioHeader() {
    }

    /**
     * Writes the header for the IPv6 packet at {@code b.position()} into the {@link #LENGTH} bytes before it and
     * moves the position there.
     */
    static void prepend(ByteBuffer b, int tunnelMtu) {
        int ip = b.position();
        int at = ip - LENGTH;
        int length = b.limit() - ip;
        int flags = 0;
        int gsoType = 0;
        int headerLength = 0;
        int gsoSize = 0;
        int checksumOffset = 0;
        int next = length >= IPV6_HEADER ? b.get(ip + 6) & 0xff : 0;
        int l4 = ip + IPV6_HEADER;
        if (next == TCP && length >= IPV6_HEADER + 20) {
            int tcpHeader = ((b.get(l4 + 12) & 0xf0) >>> 4) * 4;
            int pseudo = pseudoHeaderSum(b, ip, length - IPV6_HEADER, TCP);
            boolean partial = (b.getShort(l4 + TCP_CHECKSUM) & 0xffff) == pseudo;
            if (length > tunnelMtu) {
                // Segmentation needs a partial checksum; a complete one is turned back into the pseudo-header sum.
                b.putShort(l4 + TCP_CHECKSUM, (short) pseudo);
                flags = NEEDS_CSUM;
                gsoType = GSO_TCPV6;
                headerLength = IPV6_HEADER + tcpHeader;
                gsoSize = tunnelMtu - IPV6_HEADER - tcpHeader;
                checksumOffset = TCP_CHECKSUM;
            } else if (partial) {
                flags = NEEDS_CSUM;
                checksumOffset = TCP_CHECKSUM;
            }
        } else if (next == UDP && length >= IPV6_HEADER + 8) {
            int pseudo = pseudoHeaderSum(b, ip, length - IPV6_HEADER, UDP);
            if ((b.getShort(l4 + UDP_CHECKSUM) & 0xffff) == pseudo) {
                flags = NEEDS_CSUM;
                checksumOffset = UDP_CHECKSUM;
            }
        }
        b.put(at, (byte) flags);
        b.put(at + 1, (byte) gsoType);
        putLittleEndian(b, at + 2, headerLength);
        putLittleEndian(b, at + 4, gsoSize);
        putLittleEndian(b, at + 6, flags == 0 ? 0 : IPV6_HEADER);
        putLittleEndian(b, at + 8, checksumOffset);
        b.position(at);
    }

    /**
     * Writes the header of a joined TCP packet at {@code b.position()} (its checksum field already holds the
     * pseudo-header sum): checksum left to the kernel, TCPV6 segmentation into {@code segmentSize} bytes of payload.
     */
    static void segmentation(ByteBuffer b, int headerLength, int segmentSize) {
        int at = b.position() - LENGTH;
        b.put(at, (byte) NEEDS_CSUM);
        b.put(at + 1, (byte) GSO_TCPV6);
        putLittleEndian(b, at + 2, headerLength);
        putLittleEndian(b, at + 4, segmentSize);
        putLittleEndian(b, at + 6, IPV6_HEADER);
        putLittleEndian(b, at + 8, TCP_CHECKSUM);
        b.position(at);
    }

    /**
     * Writes a header without segmentation at {@code at}: with {@code checksumStart} at or above 0 the kernel
     * completes the checksum at {@code checksumStart + checksumOffset} over the bytes from {@code checksumStart}
     * (counted from the packet's first byte, after this header); below 0, nothing left to the kernel.
     */
    static void plain(ByteBuffer b, int at, int checksumStart, int checksumOffset) {
        boolean partial = checksumStart >= 0;
        b.put(at, (byte) (partial ? NEEDS_CSUM : 0));
        b.put(at + 1, (byte) 0);
        putLittleEndian(b, at + 2, 0);
        putLittleEndian(b, at + 4, 0);
        putLittleEndian(b, at + 6, partial ? checksumStart : 0);
        putLittleEndian(b, at + 8, partial ? checksumOffset : 0);
    }

    /** The one's complement sum of the pseudo-header (RFC 8200 §8.1), folded to 16 bits, not complemented. */
    static int pseudoHeaderSum(ByteBuffer b, int ip, int upperLength, int nextHeader) {
        long sum = 0;
        for (int i = 8; i < IPV6_HEADER; i += 2) {
            sum += b.getShort(ip + i) & 0xffff;
        }
        sum += (upperLength >>> 16) + (upperLength & 0xffff) + nextHeader;
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static void putLittleEndian(ByteBuffer b, int at, int value) {
        b.put(at, (byte) value);
        b.put(at + 1, (byte) (value >>> 8));
    }
}
