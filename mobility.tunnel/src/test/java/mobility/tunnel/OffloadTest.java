package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.PacketChannel;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.netlink.socket.RawSocketsComponent;
import mobility.netlink.socket.Netns;

/**
 * User-space segmentation, coalescing and the virtio header on packets built here, checked with a checksum computed
 * the plain way (RFC 1071: 16-bit words, end-around carry) and never with the code under test.
 */
class OffloadTest {

    private static final Ipv6Address SRC = Ipv6Address.parse("2001:db8:2::c");
    private static final Ipv6Address DST = Ipv6Address.parse("2001:db8:100::1");
    private static final int TCP_HEADER = 32;

    /** An IPv6 + TCP (with 12 bytes of options) packet of {@code payload} bytes; checksum complete or partial. */
    private static ByteBuffer tcp(int seq, int payload, int flags, boolean partial) {
        ByteBuffer b = ByteBuffer.allocateDirect(40 + TCP_HEADER + payload);
        b.putInt(0x60000000).putShort((short) (TCP_HEADER + payload)).put((byte) 6).put((byte) 64);
        b.putLong(SRC.high()).putLong(SRC.low()).putLong(DST.high()).putLong(DST.low());
        b.putShort((short) 40000).putShort((short) 5001).putInt(seq).putInt(777).put((byte) ((TCP_HEADER / 4) << 4))
                .put((byte) flags).putShort((short) 512).putShort((short) 0).putShort((short) 0);
        b.putInt(0x0101080a).putInt(11).putInt(22);
        for (int i = 0; i < payload; i++) {
            b.put((byte) (seq + i));
        }
        int check = partial ? pseudo(b, 0, TCP_HEADER + payload) : ~checksum(b, 0, 40 + TCP_HEADER + payload);
        b.putShort(40 + 16, (short) check);
        return b.clear();
    }

    private static int pseudo(ByteBuffer b, int ip, int upper) {
        long s = upper + 6;
        for (int i = 8; i < 40; i += 2) {
            s += b.getShort(ip + i) & 0xffff;
        }
        while (s >> 16 != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }

    /** RFC 1071 over pseudo-header and TCP segment; 0xffff when a complete checksum is right. */
    private static int checksum(ByteBuffer b, int ip, int end) {
        long s = pseudo(b, ip, end - ip - 40);
        for (int i = ip + 40; i < end; i += 2) {
            s += (b.get(i) & 0xff) << 8 | (i + 1 < end ? b.get(i + 1) & 0xff : 0);
        }
        while (s >> 16 != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }

    @Test
    void segmentsCarryTheRightBytesSequenceNumbersFlagsAndChecksums() {
        int payload = 5000;
        ByteBuffer big = tcp(1_000_000, payload, 0x18 | 0x01, true);
        int headerLength = 40 + TCP_HEADER;
        int mss = 1400;
        int n = Segmenter.segments(0, big.limit(), headerLength, mss);
        assertEquals(4, n);
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        int carried = 0;
        for (int k = 0; k < n; k++) {
            int length = Segmenter.segment(big, 0, big.limit(), headerLength, mss, k, out, 0);
            int data = length - headerLength;
            assertEquals(k < 3 ? 1400 : 800, data);
            assertEquals(TCP_HEADER + data, out.getShort(4) & 0xffff);
            assertEquals(1_000_000 + k * mss, out.getInt(44));
            int flags = out.get(53) & 0xff;
            assertEquals(k == 3 ? 0x19 : 0x10, flags, "FIN and PSH on the last segment only");
            for (int i = 0; i < data; i++) {
                assertEquals((byte) (1_000_000 + k * mss + i), out.get(headerLength + i));
            }
            assertEquals(0xffff, checksum(out, 0, length), "segment " + k + " checksum");
            carried += data;
        }
        assertEquals(payload, carried);
    }

    @Test
    void partialChecksumIsCompleted() {
        ByteBuffer p = tcp(5, 333, 0x10, true);
        Segmenter.complete(p, 40, 16, p.limit());
        assertEquals(0xffff, checksum(p, 0, p.limit()));
    }

    @Test
    void consecutiveSegmentsOfOneFlowAreJoinedOthersWrittenAsTheyCame() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Netns.root(),
                "needs root: the batch comes from a raw socket (no packet is sent)");
        PacketChannel factory = new RawSocketsComponent().openHeaderIncluded(mobility.api.kernel.NetworkNamespace
                .current());
        try {
            assertJoins(factory);
        } finally {
            factory.close();
        }
    }

    private static void assertJoins(PacketChannel factory) {
        Coalescer c = new Coalescer(factory.newBatch(8, 65535 + VirtioHeader.LENGTH));
        int mtu = 1460;
        c.offer(tcp(100, 1000, 0x10, false), 0, 40 + TCP_HEADER + 1000, mtu);
        c.offer(tcp(1100, 1000, 0x10, true), 0, 40 + TCP_HEADER + 1000, mtu);
        ByteBuffer damaged = tcp(2100, 1000, 0x10, false);
        damaged.put(40 + TCP_HEADER + 5, (byte) 0x55);
        c.offer(damaged, 0, damaged.limit(), mtu);
        c.offer(tcp(3100, 1000, 0x10, false), 0, 40 + TCP_HEADER + 1000, mtu);
        assertEquals(3, c.finish(mtu), "joined pair, the damaged one alone, the next alone (out of order after it)");
        ByteBuffer joined = c.batch().buffer(0);
        int at = joined.position();
        assertEquals(1, joined.get(at) & 0xff, "NEEDS_CSUM");
        assertEquals(4, joined.get(at + 1) & 0xff, "GSO TCPV6");
        assertEquals(1000, (joined.get(at + 4) & 0xff) | (joined.get(at + 5) & 0xff) << 8, "segment size");
        int ip = at + VirtioHeader.LENGTH;
        assertEquals(TCP_HEADER + 2000, joined.getShort(ip + 4) & 0xffff);
        assertEquals(pseudo(joined, ip, TCP_HEADER + 2000), joined.getShort(ip + 56) & 0xffff);
        for (int i = 0; i < 2000; i++) {
            assertEquals((byte) (100 + i), joined.get(ip + 40 + TCP_HEADER + i));
        }
        ByteBuffer alone = c.batch().buffer(1);
        assertEquals(0, alone.get(alone.position()) & 0xff, "a complete checksum needs nothing");
        assertEquals(40 + TCP_HEADER + 1000, alone.remaining() - VirtioHeader.LENGTH);
    }

    @Test
    void prefixesMatchOnTheirBitsOnly() {
        PrefixMatch m = new PrefixMatch(List.of(Ipv6Prefix.parse("2001:db8:100::1/128"),
                Ipv6Prefix.parse("2001:db8:200::/65")));
        assertTrue(m.matches(DST.high(), DST.low()));
        Ipv6Address other = Ipv6Address.parse("2001:db8:100::2");
        assertFalse(m.matches(other.high(), other.low()));
        Ipv6Address inside = Ipv6Address.parse("2001:db8:200::7fff:0:0:1");
        assertTrue(m.matches(inside.high(), inside.low()));
        Ipv6Address outside = Ipv6Address.parse("2001:db8:200::8000:0:0:1");
        assertFalse(m.matches(outside.high(), outside.low()));
        assertTrue(new PrefixMatch(List.of(Ipv6Prefix.DEFAULT)).matches(1, 2));
    }
}
