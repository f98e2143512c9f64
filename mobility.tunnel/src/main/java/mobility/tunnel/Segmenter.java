package mobility.tunnel;

import java.nio.ByteBuffer;

/**
 * TCP segmentation and checksum completion in user space, for packets the TUN device hands over with its offloads
 * on (virtio_net_hdr): a TCP packet of up to 64 KiB with gso_size is cut into segments of that many payload bytes
 * (RFC 9293 §3.7: sequence numbers advance by the bytes sent; FIN and PSH stay on the last segment, CWR on the
 * first), and every checksum left partial (VIRTIO_NET_HDR_F_NEEDS_CSUM: the field holds the pseudo-header sum) is
 * completed over its data. Nothing is allocated.
 */
final class Segmenter {

    static final int NEEDS_CSUM = 1;
    static final int GSO_NONE = 0;
    static final int GSO_TCPV6 = 4;
    private static final int GSO_ECN = 0x80;
    private static final int IPV6_HEADER = 40;
    private static final int TCP = 6;
    private static final int TCP_SEQUENCE = 4;
    private static final int TCP_FLAGS = 13;
    private static final int TCP_CHECKSUM = 16;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private Segmenter() {
    }

    static int flags(ByteBuffer b, int header) {
        return b.get(header) & 0xff;
    }

    static int gsoType(ByteBuffer b, int header) {
        return b.get(header + 1) & 0xff & ~GSO_ECN;
    }

    static int gsoSize(ByteBuffer b, int header) {
        return littleEndian(b, header + 4);
    }

    static int checksumStart(ByteBuffer b, int header) {
        return littleEndian(b, header + 6);
    }

    static int checksumOffset(ByteBuffer b, int header) {
        return littleEndian(b, header + 8);
    }

    private static int littleEndian(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8;
    }

    /** Whether the packet at {@code ip} is plain IPv6 carrying TCP directly, the only kind segmented here. */
    static boolean isTcp(ByteBuffer b, int ip) {
        return (b.get(ip + 6) & 0xff) == TCP;
    }

    /** Completes a partial checksum: the field at {@code start + offset} holds the pseudo-header sum. */
    static void complete(ByteBuffer b, int start, int offset, int end) {
        int sum = fold(sum(b, start, end));
        b.putShort(start + offset, (short) ~sum);
    }

    /**
     * Writes segment {@code index} of the TCP packet at {@code ip} (header {@code headerLength} bytes = IPv6 + TCP,
     * payload after it) to {@code out} at {@code at}; returns the segment's length.
     */
    static int segment(ByteBuffer in, int ip, int end, int headerLength, int mss, int index, ByteBuffer out, int at) {
        return segment(in, ip, end, headerLength, mss, index, out, at, true);
    }

    /**
     * As {@link #segment(ByteBuffer, int, int, int, int, int, ByteBuffer, int)}; without {@code complete} the
     * segment's checksum is left partial (the pseudo-header sum), for a writer that hands it to the kernel.
     */
    static int segment(ByteBuffer in, int ip, int end, int headerLength, int mss, int index, ByteBuffer out, int at,
            boolean complete) {
        int payload = end - ip - headerLength;
        int offset = index * mss;
        int length = Math.min(mss, payload - offset);
        boolean last = offset + length >= payload;
        out.put(at, in, ip, headerLength);
        out.put(at + headerLength, in, ip + headerLength + offset, length);
        int tcp = at + IPV6_HEADER;
        int upper = headerLength - IPV6_HEADER + length;
        out.putShort(at + 4, (short) upper);
        out.putInt(tcp + TCP_SEQUENCE, in.getInt(ip + IPV6_HEADER + TCP_SEQUENCE) + offset);
        int flags = in.get(ip + IPV6_HEADER + TCP_FLAGS) & 0xff;
        if (!last) {
            flags &= ~(FIN | PSH);
        }
        if (index > 0) {
            flags &= ~CWR;
        }
        out.put(tcp + TCP_FLAGS, (byte) flags);
        out.putShort(tcp + TCP_CHECKSUM, (short) pseudoHeaderSum(out, at, upper, TCP));
        if (complete) {
            complete(out, tcp, TCP_CHECKSUM, tcp + upper);
        }
        return headerLength + length;
    }

    /** Number of segments of {@code mss} payload bytes the packet makes. */
    static int segments(int ip, int end, int headerLength, int mss) {
        int payload = end - ip - headerLength;
        return payload <= 0 ? 1 : (payload + mss - 1) / mss;
    }

    static int pseudoHeaderSum(ByteBuffer b, int ip, int upperLength, int nextHeader) {
        long s = sum(b, ip + 8, ip + IPV6_HEADER) + upperLength + nextHeader;
        return fold(s);
    }

    /** The one's complement sum of the bytes in [from, to), 32 bits at a time, not yet folded. */
    static long sum(ByteBuffer b, int from, int to) {
        long s = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = b.getLong(i);
            s += (v >>> 32) + (v & 0xffffffffL);
        }
        if (i + 4 <= to) {
            s += b.getInt(i) & 0xffffffffL;
            i += 4;
        }
        if (i + 2 <= to) {
            s += (b.getShort(i) & 0xffffL) << 16;
            i += 2;
            if (i < to) {
                s += (b.get(i) & 0xffL) << 8;
            }
        } else if (i < to) {
            s += (b.get(i) & 0xffL) << 24;
        }
        return s;
    }

    static int fold(long s) {
        while (s >>> 32 != 0) {
            s = (s & 0xffffffffL) + (s >>> 32);
        }
        s = (s & 0xffff) + (s >>> 16);
        while (s >>> 16 != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
