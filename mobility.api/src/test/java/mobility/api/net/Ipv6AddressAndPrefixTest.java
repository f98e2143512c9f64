package mobility.api.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import mobility.api.kernel.Address;
import org.junit.jupiter.api.Test;

class Ipv6AddressAndPrefixTest {

    @Test
    void aConfiguredListOfPrefixesIsReadAsNetworksAndABadOneIsNamed() {
        assertEquals(java.util.List.of(Ipv6Prefix.parse("2001:db8:2700::/64"), Ipv6Prefix.parse("::/0")),
                Ipv6Prefix.networks(new String[] {"2001:db8:2700::4/64, ::/0", " "}));
        assertEquals(java.util.List.of(), Ipv6Prefix.networks(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ipv6Prefix.networks(new String[] {"2001:db8::/32,2001:db8::x/64"}));
        assertTrue(e.getMessage().startsWith("'2001:db8::x/64': "), e.getMessage());
    }

    @Test
    void textFollowsRfc5952() {
        assertEquals("2001:db8::1", Ipv6Address.parse("2001:0DB8:0:0:0:0:0:1").toString());
        assertEquals("::", Ipv6Address.parse("::").toString());
        assertEquals("::1", Ipv6Address.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("fe80::", Ipv6Address.parse("fe80:0:0:0:0:0:0:0").toString());
        // §4.2.2: a single zero group is not shortened; §4.2.3: the first of equal runs is.
        assertEquals("2001:db8:0:1:1:1:1:1", Ipv6Address.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", Ipv6Address.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", Ipv6Address.parse("2001:db8:0:0:1:0:0:1").toString());
    }

    @Test
    void bytesRoundTripInNetworkOrder() throws Exception {
        byte[] bytes = InetAddress.getByName("2001:db8:1:2:3:4:5:6").getAddress();
        Ipv6Address address = Ipv6Address.of(bytes);
        assertEquals(0x20010db800010002L, address.high());
        assertEquals(0x0003000400050006L, address.low());
        assertArrayEquals(bytes, address.toBytes());
        assertEquals(InetAddress.getByName("2001:db8:1:2:3:4:5:6"), address.toInet6Address());
    }

    @Test
    void hostNamesAndIpv4AreRejectedWithoutAskingDns() {
        assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse("192.0.2.1"));
    }

    @Test
    void maskingClearsHostBits() {
        Ipv6Address a = Ipv6Address.parse("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        assertEquals("2001:db8:aaaa:bb00::", a.masked(56).toString());
        assertEquals("2001:db8:aaaa:bbbb:cccc:8000::", a.masked(81).toString());
        assertEquals(a, a.masked(128));
        assertEquals(Ipv6Address.UNSPECIFIED, a.masked(0));
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
    }

    @Test
    void prefixesParseAndCheckTheirLength() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8::1/64");
        assertEquals(64, p.length());
        assertEquals("2001:db8::/64", p.network().toString());
        assertTrue(p.contains(Ipv6Address.parse("2001:db8::ffff")));
        assertFalse(p.contains(Ipv6Address.parse("2001:db9::1")));
        assertEquals(128, Ipv6Prefix.parse("::1").length());
        assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse("2001:db8::/129"));
    }

    @Test
    void addressLifetimesAreChecked() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8::1/64");
        assertThrows(IllegalArgumentException.class, () -> Address.of(1, p).withLifetimes(10, 20));
        assertThrows(IllegalArgumentException.class, () -> Address.of(1, p).withLifetimes(-1, 0));
    }
}
