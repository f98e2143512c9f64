package mobility.api.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv6AddressTest {

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "fe80::, fe80::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    })
    void textFormIsRfc5952(String in, String canonical) {
        assertEquals(canonical, Ipv6Address.parse(in).toString());
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[16];
            r.nextBytes(b);
            for (int k = 0; k < 16; k++) {
                if (r.nextInt(3) == 0) {
                    b[k] = 0;
                }
            }
            Ipv6Address a = Ipv6Address.of(b);
            assertEquals(InetAddress.getByAddress(b), InetAddress.getByName(a.toString()));
            assertEquals(a, Ipv6Address.parse(a.toString()));
        }
    }

    @Test
    void malformedTextNamesTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("1::2::3"))
                .getMessage().contains("more than one '::'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("1:2:3"))
                .getMessage().contains("8 groups"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("12345::"))
                .getMessage().contains("1 to 4 hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("g::"))
                .getMessage().contains("not a hex digit"));
    }

    @Test
    void prefixesContainTheirAddresses() {
        Ipv6Prefix home = Ipv6Prefix.parse("2001:db8:1::5/64");
        assertEquals("2001:db8:1::5/64", home.toString());
        assertEquals("2001:db8:1::/64", home.network().toString());
        assertEquals(home.network(), Ipv6Prefix.of(Ipv6Address.parse("2001:db8:1::77"), 64));
        assertTrue(home.contains(Ipv6Address.parse("2001:db8:1::1234")));
        assertFalse(home.contains(Ipv6Address.parse("2001:db8:2::1")));
        assertTrue(Ipv6Prefix.parse("::/0").contains(Ipv6Address.parse("ff02::1")));
        Ipv6Prefix host = Ipv6Prefix.parse("2001:db8::1/128");
        assertTrue(host.contains(Ipv6Address.parse("2001:db8::1")));
        assertFalse(host.contains(Ipv6Address.parse("2001:db8::2")));
        assertTrue(Ipv6Prefix.parse("2001:db8::/48").contains(Ipv6Address.parse("2001:db8:0:ffff::1")));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse("2001:db8::/129"));
    }

    @Test
    void classifiesLinkLocalAndMulticast() {
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("febf::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("ff02::1:ff00:1").isMulticast());
        assertFalse(Ipv6Address.parse("2001:db8::1").isMulticast());
    }
}
