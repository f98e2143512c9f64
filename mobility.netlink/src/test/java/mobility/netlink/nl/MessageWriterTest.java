package mobility.netlink.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;

/** The wire layout of netlink(7): struct nlmsghdr, struct nlattr, NLA_ALIGN, nesting. */
class MessageWriterTest {

    @Test
    void headerCarriesLengthTypeFlagsAndSequence() {
        MessageWriter w = MessageWriter.allocate(256);
        w.begin(24, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, 77);
        w.u32(0xdeadbeef);
        int length = w.end();
        ByteBuffer b = w.buffer();
        assertEquals(20, length);
        assertEquals(20, b.getInt(0));
        assertEquals(24, b.getShort(4));
        assertEquals(5, b.getShort(6));
        assertEquals(77, b.getInt(8));
        assertEquals(0, b.getInt(12), "port id 0: the kernel");
        assertEquals(0xdeadbeef, b.getInt(16));
    }

    @Test
    void attributesArePaddedToFourBytesButTheirLengthIsNot() {
        MessageWriter w = MessageWriter.allocate(256);
        w.begin(16, 1, 1);
        w.attributeString(3, "mip0");
        w.attributeU8(9, 41);
        w.attributeU16(21, 5);
        int length = w.end();
        ByteBuffer b = w.buffer();
        assertEquals(9, b.getShort(16), "4 header + 'mip0' + NUL");
        assertEquals(3, b.getShort(18));
        assertEquals('m', b.get(20));
        assertEquals(0, b.get(24), "NUL terminator");
        assertEquals(5, b.getShort(28), "next attribute at the aligned offset");
        assertEquals(41, b.get(32));
        assertEquals(6, b.getShort(36));
        assertEquals(5, b.getShort(40));
        assertEquals(44, length);
    }

    @Test
    void nestsCoverTheirChildren() {
        MessageWriter w = MessageWriter.allocate(256);
        w.begin(16, 1, 1);
        int outer = w.beginNest(18);
        w.attributeString(1, "veth");
        int inner = w.beginNest(2);
        w.attributeU32(4, 1500);
        w.endNest(inner);
        w.endNest(outer);
        w.end();
        ByteBuffer b = w.buffer();
        assertEquals(4 + 12 + 12, b.getShort(16));
        assertEquals(12, b.getShort(32));
        assertEquals(8, b.getShort(36));
        assertEquals(1500, b.getInt(40));
    }

    @Test
    void addressesAreWrittenInNetworkOrder() {
        MessageWriter w = MessageWriter.allocate(64);
        w.address(Ipv6Address.parse("2001:db8::1"));
        ByteBuffer b = w.buffer();
        assertEquals(0x20, b.get(0));
        assertEquals(0x01, b.get(1));
        assertEquals(0x0d, b.get(2));
        assertEquals(0xb8 - 256, b.get(3));
        assertEquals(1, b.get(15));
        assertEquals(Ipv6Address.parse("2001:db8::1"), Attributes.address(b, 0));
    }

    @Test
    void attributeCursorWalksAndStopsAtMalformedLengths() {
        MessageWriter w = MessageWriter.allocate(128);
        w.attributeU32(1, 7);
        w.attributeString(2, "lo");
        int end = w.length();
        w.buffer().putShort(end, (short) 200).putShort(end + 2, (short) 3);
        Attributes a = new Attributes().reset(w.buffer(), 0, end + 8);
        assertTrue(a.next());
        assertEquals(1, a.type());
        assertEquals(7, a.u32());
        assertTrue(a.next());
        assertEquals("lo", a.string());
        assertFalse(a.next(), "an attribute claiming 200 bytes in an 8-byte rest is not read");
    }
}
