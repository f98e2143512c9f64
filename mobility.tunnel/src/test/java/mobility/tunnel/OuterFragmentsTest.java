package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RFC 2473 §7.1 (b), RFC 8200 §4.5: an outer packet cut to a path narrower than 1320 bytes and put back together. */
class OuterFragmentsTest {

    /** An outer header (next header 41, the given payload length) and a random inner packet behind it. */
    private static ByteBuffer outerPacket(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.putInt(0, 0x6a00_0000).putShort(4, (short) (length - 40)).put(6, (byte) 41).put(7, (byte) 64);
        b.put(40, (byte) 0x60);
        return b;
    }

    /** Reassembles the fragments as RFC 8200 §4.5 says a receiver does; checks each one's headers on the way. */
    private static byte[] reassembled(ByteBuffer whole, int length, int pathMtu, int id) {
        int n = OuterFragments.count(length, pathMtu);
        byte[] out = new byte[length];
        whole.get(0, out, 0, 40);
        int seen = 0;
        for (int k = 0; k < n; k++) {
            ByteBuffer f = ByteBuffer.allocate(2048);
            int size = OuterFragments.fragment(whole, length, pathMtu, id, k, f);
            assertEquals(size, f.remaining());
            assertTrue(size <= pathMtu, "fragment " + k + " of " + size + " bytes on a path of " + pathMtu);
            assertEquals(size - 40, f.getShort(4) & 0xffff, "payload length");
            assertEquals(44, f.get(6), "next header: Fragment");
            for (int i = 0; i < 40; i++) {
                if (i < 4 || i > 6) {
                    assertEquals(whole.get(i), f.get(i), "the rest of the outer header is copied, byte " + i);
                }
            }
            assertEquals(41, f.get(40), "the fragmentable part is the inner IPv6 packet");
            assertEquals(0, f.get(41));
            int field = f.getShort(42) & 0xffff;
            int offset = field & ~7;
            assertEquals(k < n - 1 ? 1 : 0, field & 1, "M flag");
            assertEquals(0, field & 6, "reserved bits");
            assertEquals(id, f.getInt(44));
            if (k < n - 1) {
                assertEquals(0, (size - 48) % 8, "every fragment but the last carries a multiple of 8 bytes");
            }
            assertEquals(seen, offset);
            f.get(48, out, 40 + offset, size - 48);
            seen += size - 48;
        }
        assertEquals(length - 40, seen);
        return out;
    }

    @Test
    void aTunnelPacketOfTheMinimumMtuIsCutInTwoForA1300BytePath() {
        ByteBuffer whole = outerPacket(1320, 1);
        assertEquals(1248, OuterFragments.chunk(1300));
        assertEquals(2, OuterFragments.count(1320, 1300));
        assertArrayEquals(whole.array(), reassembled(whole, 1320, 1300, 0x1234_5678));
    }

    @Test
    void onTheMinimumPathEveryFragmentFits1280() {
        for (int length = 1281; length <= 1320; length++) {
            ByteBuffer whole = outerPacket(length, length);
            assertArrayEquals(whole.array(), reassembled(whole, length, 1280, -1), "length " + length);
        }
    }

    @Test
    void aPacketThatFitsIsOneFragmentWithoutTheMoreFlag() {
        ByteBuffer whole = outerPacket(600, 7);
        assertEquals(1, OuterFragments.count(600, 1300));
        assertArrayEquals(whole.array(), reassembled(whole, 600, 1300, 42));
    }
}
