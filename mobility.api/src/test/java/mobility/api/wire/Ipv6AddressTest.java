package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import mobility.api.net.Ipv6Address;

class Ipv6AddressTest {

    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:0:0:0:1, 2001:db8::1",
            "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "fe80::, fe80::",
            "2001:DB8::AbCd, 2001:db8::abcd",
            "::ffff:192.0.2.1, ::ffff:c000:201",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1"})
    void textIsCanonicalAsRfc5952Says(String input, String canonical) {
        assertEquals(canonical, Ipv6Address.parse(input).toString());
    }

    @ParameterizedTest
    @CsvSource({"1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "g::", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7::8"})
    void malformedTextIsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
    }

    @Test
    void octetsRoundTripThroughTwoLongs() {
        byte[] octets = Hex.bytes("20010db8000000010000000000000001");
        Ipv6Address a = Ipv6Address.of(octets);
        assertEquals(0x20010db800000001L, a.high());
        assertEquals(1L, a.low());
        assertEquals(Hex.of(octets), Hex.of(a.toBytes()));
    }

    @Test
    void classifiesMulticastLinkLocalAndUnspecified() {
        assertTrue(Ipv6Address.parse("ff02::1").isMulticast());
        assertFalse(Ipv6Address.parse("fe80::1").isMulticast());
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
        assertTrue(Ipv6Address.UNSPECIFIED.isUnspecified());
    }

    @Test
    void prefixKeepsTheLeadingBits() {
        Ipv6Address a = Ipv6Address.parse("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        assertEquals("2001:db8:aaaa::", a.masked(48).toString());
        assertEquals("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ff00", a.masked(120).toString());
        assertEquals("::", a.masked(0).toString());
        assertEquals(a, a.masked(128));
    }

    @Test
    void ordersAsUnsigned128BitNumbers() {
        assertTrue(Ipv6Address.parse("ff00::").compareTo(Ipv6Address.parse("2001::")) > 0);
        assertTrue(Ipv6Address.parse("::ffff:ffff:ffff:ffff").compareTo(Ipv6Address.parse("0:0:0:1::")) < 0);
    }
}
