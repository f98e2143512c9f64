package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;

class RouterAdvertisedTest {

    static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    static RouterAdvertisement ra(List<mobility.api.wire.icmp.NdOption> options) {
        return new RouterAdvertisement(64, 0, 1800, 0, 0, options);
    }

    @Test
    void readsThePrefixesTheIntervalTheRouterLinkLayerAddressAndItsGlobalAddress() {
        PrefixInformation home = new PrefixInformation(64, PrefixInformation.ON_LINK
                | PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION | PrefixInformation.ROUTER_ADDRESS, 86_400,
                14_400, Ipv6Address.parse("2001:db8:1::1"));
        PrefixInformation offLink = new PrefixInformation(64, PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION,
                100, 50, Ipv6Address.parse("2001:db8:5::"));
        RouterAdvertised a = RouterAdvertised.of(ra(List.of(home, offLink, new AdvertisementInterval(100),
                LinkLayerAddressOption.source(MAC))));
        assertEquals(List.of(home), a.onLink(), "only on-link prefixes");
        assertEquals(List.of(Ipv6Prefix.parse("2001:db8:1::/64")), a.prefixes());
        assertEquals(List.of(new NetworkAttachment.AdvertisedPrefix(Ipv6Prefix.parse("2001:db8:1::/64"), 86_400,
                14_400)), a.advertisedPrefixes());
        assertEquals(100, a.intervalMillis());
        assertEquals("02:00:00:00:00:01", a.routerLinkLayer());
        assertEquals(List.of(Ipv6Address.parse("2001:db8:1::1")), a.routerAddresses(),
                "the R flag gives the router's global address (RFC 6275 §7.2)");
    }

    @Test
    void aRouterAddressNeedNotBeOnLinkAndTheTargetLinkLayerAddressIsNotTheRouters() {
        PrefixInformation router = new PrefixInformation(64, PrefixInformation.ROUTER_ADDRESS, 100, 50,
                Ipv6Address.parse("2001:db8:7::1"));
        RouterAdvertised a = RouterAdvertised.of(ra(List.of(router, LinkLayerAddressOption.target(MAC))));
        assertEquals(List.of(), a.onLink());
        assertEquals(List.of(Ipv6Address.parse("2001:db8:7::1")), a.routerAddresses());
        assertNull(a.routerLinkLayer());
        assertEquals(0, a.intervalMillis(), "no Advertisement Interval option");
    }
}
