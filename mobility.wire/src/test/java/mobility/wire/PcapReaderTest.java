package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import mobility.api.wire.NetworkBytes;

class PcapReaderTest {

    private static final byte[] IPV6 = NetworkBytes.fromHex("6000000000083b40" + "20010db8000000000000000000000001"
            + "20010db8000000000000000000000002" + "3b00000000000000");

    @Test
    void writtenPacketsReadBackWithTheirTimeStamps() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(file)) {
            w.write(IPV6, 0, IPV6.length, 100, 250);
            w.write(IPV6, 0, 40, 101, 0);
        }
        PcapReader r = new PcapReader(new ByteArrayInputStream(file.toByteArray()));
        assertEquals(LinkLayer.IPV6, r.linkType());
        Frame f = new Frame();
        assertTrue(r.next(f));
        assertEquals(1, f.number());
        assertEquals(100, f.seconds());
        assertEquals(250_000, f.nanoseconds());
        assertEquals(IPV6.length, f.capturedLength());
        assertTrue(r.next(f));
        assertEquals(40, f.capturedLength());
        assertFalse(r.next(f));
    }

    @Test
    void bigEndianNanosecondFileIsReadInItsOwnByteOrder() throws IOException {
        // Magic a1b23c4d written most significant octet first, link type 101, then one record: 7 s, 5 ns, a frame
        // cut to 40 of its 48 octets.
        byte[] file = NetworkBytes.fromHex("a1b23c4d" + "00020004" + "00000000" + "00000000" + "0000ffff" + "00000065"
                + "00000007" + "00000005" + "00000028" + "00000030" + NetworkBytes.hex(IPV6, 0, 40));
        PcapReader r = new PcapReader(new ByteArrayInputStream(file));
        assertEquals(LinkLayer.RAW, r.linkType());
        Frame f = new Frame();
        assertTrue(r.next(f));
        assertEquals(7, f.seconds());
        assertEquals(5, f.nanoseconds());
        assertEquals(40, f.capturedLength());
        assertEquals(48, f.originalLength());
        assertTrue(f.truncated());
        assertEquals(0x60, f.data()[0] & 0xff);
        assertFalse(r.next(f));
    }

    @Test
    void fileCutInsideARecordIsReportedNotThrownAsSomethingElse() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(file)) {
            w.write(IPV6, 0, IPV6.length, 1, 0);
        }
        byte[] cut = Arrays.copyOf(file.toByteArray(), file.size() - 3);
        PcapReader r = new PcapReader(new ByteArrayInputStream(cut));
        assertThrows(PcapFormatException.class, () -> r.next(new Frame()));
    }

    @Test
    void notAPcapFileIsRejected() {
        assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(new byte[24])));
        assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(
                NetworkBytes.fromHex("0a0d0d0a" + "00".repeat(20)))));
    }

    @Test
    void findsIpv6InEthernetVlanLinuxCookedAndLoopbackFrames() {
        byte[] ethernet = NetworkBytes.fromHex("020000000001020000000002" + "8100" + "0064" + "86dd" + "60");
        assertEquals(18, LinkLayer.ipv6Offset(LinkLayer.ETHERNET, ethernet, ethernet.length));
        byte[] ipv4 = NetworkBytes.fromHex("020000000001020000000002" + "0800" + "45");
        assertEquals(LinkLayer.NOT_IPV6, LinkLayer.ipv6Offset(LinkLayer.ETHERNET, ipv4, ipv4.length));
        byte[] sll = NetworkBytes.fromHex("0000000100060200000000010000" + "86dd" + "60");
        assertEquals(16, LinkLayer.ipv6Offset(LinkLayer.LINUX_SLL, sll, sll.length));
        byte[] loopback = NetworkBytes.fromHex("1e000000" + "60");
        assertEquals(4, LinkLayer.ipv6Offset(LinkLayer.NULL, loopback, loopback.length));
        assertEquals(LinkLayer.TRUNCATED, LinkLayer.ipv6Offset(LinkLayer.ETHERNET, ethernet, 10));
        assertEquals(LinkLayer.UNSUPPORTED, LinkLayer.ipv6Offset(147, ethernet, ethernet.length));
    }
}
