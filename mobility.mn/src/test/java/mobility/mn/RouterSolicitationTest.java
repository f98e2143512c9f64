package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.Link;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.RouterSolicitation;

/** {@link RouterDiscovery#solicit}: what goes to the all-routers address on a link-up, and how it is counted. */
class RouterSolicitationTest {

    static final Link ETH0 = new Link(2, "eth0", "veth", true, true, 1500, "02:00:00:00:00:09");
    static final Address LINK_LOCAL = Address.of(2, Ipv6Prefix.parse("fe80::9/64"));

    final RecordingSender out = new RecordingSender();
    final Counters stats = new Counters();

    @Test
    void solicitsTheAllRoutersAddressFromTheLinkLocalAddressAsNeighborDiscovery() {
        RouterDiscovery.solicit(ETH0, List.of(LINK_LOCAL), out, stats);
        RecordingSender.Sent s = out.last();
        RouterSolicitation rs = assertInstanceOf(RouterSolicitation.class, s.message());
        assertEquals(1, rs.options().size(), "with the Source Link-Layer Address option");
        assertEquals(2, s.ifindex());
        assertEquals(Ipv6Address.parse("fe80::9"), s.source());
        assertEquals(Ipv6Address.parse("ff02::2"), s.destination());
        assertNull(s.homeAddress());
        assertEquals(255, s.hopLimit());
        assertEquals("rs.sent", s.counter());
        assertEquals(0, stats.get("rs.no_link_local"));
    }

    @Test
    void withoutAUsableLinkLocalAddressItGoesFromTheUnspecifiedAddressAndIsCounted() {
        RouterDiscovery.solicit(ETH0, List.of(LINK_LOCAL.withFlags(AddressFlag.TENTATIVE)), out, stats);
        assertEquals(Ipv6Address.UNSPECIFIED, out.last().source());
        assertEquals(1, stats.get("rs.no_link_local"));
    }
}
