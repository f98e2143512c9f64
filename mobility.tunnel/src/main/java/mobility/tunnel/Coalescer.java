package mobility.tunnel;

import java.nio.ByteBuffer;

import mobility.api.kernel.PacketBatch;

/**
 * Receive-side coalescing in user space, as GRO does in the kernel: consecutive in-order TCP segments of one flow
 * from a decapsulated batch are joined into one packet of up to 64 KiB that the TUN device takes with a virtio
 * header (GSO TCPV6, the original segment size, the checksum left to the kernel), so the receiving stack works per
 * 64 KiB instead of per segment. Segments join only when their headers match in everything but the sequence number,
 * PSH and the checksum, and only when their checksum is either still partial (sent inside this machine) or verifies:
 * a damaged segment is never hidden behind a recomputed checksum. Everything else is written as it came, in order.
 */
final class Coalescer {

    private static final int IPV6_HEADER = 40;
    private static final int TCP = 6;
    private static final int TCP_CHECKSUM = 16;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int PSH_IN_WORD = PSH << 16;
    private static final int LARGEST = 65535 - VirtioHeader.LENGTH;

    private final PacketBatch out;
    private int used;
    /** The slot being joined into, -1 when none; its end, segment size, next sequence number, segment count. */
    private int open = -1;
    private int end;
    private int mss;
    private int nextSequence;
    private int segments;
    private int headerLength;

    Coalescer(PacketBatch out) {
        this.out = out;
    }

    /** The batch the device writes after {@link #finish}. */
    PacketBatch batch() {
        return out;
    }

    /** Whether another packet has a slot; when not, write {@link #finish} first. */
    boolean full() {
        return used == out.capacity();
    }

    /** Takes the decapsulated packet in [ip, packetEnd) of {@code in}. */
    void offer(ByteBuffer in, int ip, int packetEnd, int tunnelMtu) {
        int length = packetEnd - ip;
        if (open >= 0 && joins(in, ip, length)) {
            ByteBuffer b = out.buffer(open);
            int payload = length - headerLength;
            b.put(end, in, ip + headerLength, payload);
            end += payload;
            nextSequence += payload;
            segments++;
            if (payload < mss || (in.get(ip + IPV6_HEADER + 13) & PSH) != 0 || end + mss > LARGEST) {
                close(tunnelMtu);
            }
            return;
        }
        close(tunnelMtu);
        ByteBuffer b = out.buffer(used);
        b.clear();
        b.put(VirtioHeader.LENGTH, in, ip, length);
        int slot = used++;
        // A packet longer than the tunnel MTU was joined already (GRO at the receiving link): it goes as it is.
        if (length <= tunnelMtu && startsFlow(b, VirtioHeader.LENGTH, length)) {
            open = slot;
            end = VirtioHeader.LENGTH + length;
            headerLength = IPV6_HEADER + tcpHeader(b, VirtioHeader.LENGTH);
            mss = length - headerLength;
            nextSequence = b.getInt(VirtioHeader.LENGTH + IPV6_HEADER + 4) + mss;
            segments = 1;
        } else {
            b.limit(VirtioHeader.LENGTH + length).position(VirtioHeader.LENGTH);
            VirtioHeader.prepend(b, tunnelMtu);
        }
    }

    /** Closes the joined packet; returns how many slots hold packets to write, and starts over. */
    int finish(int tunnelMtu) {
        close(tunnelMtu);
        int n = used;
        out.count(n);
        used = 0;
        return n;
    }

    private void close(int tunnelMtu) {
        if (open < 0) {
            return;
        }
        ByteBuffer b = out.buffer(open);
        int ip = VirtioHeader.LENGTH;
        b.limit(end).position(ip);
        if (segments == 1) {
            VirtioHeader.prepend(b, tunnelMtu);
        } else {
            int upper = end - ip - IPV6_HEADER;
            b.putShort(ip + 4, (short) upper);
            b.putShort(ip + IPV6_HEADER + TCP_CHECKSUM,
                    (short) Segmenter.pseudoHeaderSum(b, ip, upper, TCP));
            VirtioHeader.segmentation(b, headerLength, mss);
        }
        open = -1;
    }

    /** A TCP segment with data and only ACK set, whose checksum is partial or verifies, may start a joined packet. */
    private static boolean startsFlow(ByteBuffer b, int ip, int length) {
        if ((b.get(ip + 6) & 0xff) != TCP || length < IPV6_HEADER + 20) {
            return false;
        }
        int headerLength = IPV6_HEADER + tcpHeader(b, ip);
        return length > headerLength && (b.get(ip + IPV6_HEADER + 13) & 0xff) == ACK && checksumUsable(b, ip, length);
    }

    private boolean joins(ByteBuffer in, int ip, int length) {
        ByteBuffer b = out.buffer(open);
        int first = VirtioHeader.LENGTH;
        int tcp = ip + IPV6_HEADER;
        int payload = length - headerLength;
        if ((in.get(ip + 6) & 0xff) != TCP || length <= headerLength || payload > mss
                || IPV6_HEADER + tcpHeader(in, ip) != headerLength || end + payload > LARGEST) {
            return false;
        }
        // Version, class, flow label; addresses; ports; then sequence number in order.
        if (in.getInt(ip) != b.getInt(first) || in.get(ip + 7) != b.get(first + 7)) {
            return false;
        }
        for (int i = 8; i < IPV6_HEADER; i += 8) {
            if (in.getLong(ip + i) != b.getLong(first + i)) {
                return false;
            }
        }
        int firstTcp = first + IPV6_HEADER;
        if (in.getInt(tcp) != b.getInt(firstTcp) || in.getInt(tcp + 4) != nextSequence
                || in.getInt(tcp + 8) != b.getInt(firstTcp + 8)
                || (in.getInt(tcp + 12) & ~PSH_IN_WORD) != b.getInt(firstTcp + 12)) {
            return false;
        }
        for (int i = 20; i < headerLength - IPV6_HEADER; i++) {
            if (in.get(tcp + i) != b.get(firstTcp + i)) {
                return false;
            }
        }
        return checksumUsable(in, ip, length);
    }

    /** Partial (the pseudo-header sum, RFC 8200 §8.1) or complete and right. */
    private static boolean checksumUsable(ByteBuffer b, int ip, int length) {
        int upper = length - IPV6_HEADER;
        int pseudo = Segmenter.pseudoHeaderSum(b, ip, upper, TCP);
        if ((b.getShort(ip + IPV6_HEADER + TCP_CHECKSUM) & 0xffff) == pseudo) {
            return true;
        }
        return Segmenter.fold(Segmenter.sum(b, ip + IPV6_HEADER, ip + length) + pseudo) == 0xffff;
    }

    private static int tcpHeader(ByteBuffer b, int ip) {
        return ((b.get(ip + IPV6_HEADER + 12) & 0xf0) >>> 4) * 4;
    }
}
