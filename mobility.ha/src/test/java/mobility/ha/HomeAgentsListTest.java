package mobility.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;

class HomeAgentsListTest {

    long now = 0;
    final HomeAgentsList list = new HomeAgentsList(Ipv6Address.parse("fe80::1"), Ipv6Address.parse("2001:db8:1::1"),
            5, () -> now);

    static RouterAdvertisement ra(int flags, int routerLifetime, String global, Integer preference, int haLifetime) {
        PrefixInformation pi = new PrefixInformation(64, PrefixInformation.ON_LINK | PrefixInformation.ROUTER_ADDRESS,
                86400, 14400, Ipv6Address.parse(global));
        return preference == null ? new RouterAdvertisement(64, flags, routerLifetime, 0, 0, List.of(pi))
                : new RouterAdvertisement(64, flags, routerLifetime, 0, 0,
                        List.of(pi, new HomeAgentInformation(preference, haLifetime)));
    }

    @Test
    void homeAgentsAreOrderedByPreferenceWithThisOneIncluded() {
        list.heard(Ipv6Address.parse("fe80::2"), ra(RouterAdvertisement.HOME_AGENT, 1800, "2001:db8:1::2", 10, 600));
        list.heard(Ipv6Address.parse("fe80::3"), ra(RouterAdvertisement.HOME_AGENT, 1800, "2001:db8:1::3", -3, 600));
        assertEquals(List.of(Ipv6Address.parse("2001:db8:1::2"), Ipv6Address.parse("2001:db8:1::1"),
                Ipv6Address.parse("2001:db8:1::3")), list.addressesByPreference());
    }

    @Test
    void withoutTheOptionPreferenceIsZeroAndLifetimeTheRoutersAndEntriesExpire() {
        list.heard(Ipv6Address.parse("fe80::2"), ra(RouterAdvertisement.HOME_AGENT, 30, "2001:db8:1::2", null, 0));
        assertEquals(Ipv6Address.parse("2001:db8:1::1"), list.addressesByPreference().get(0));
        assertEquals(2, list.addressesByPreference().size());
        now = 30_000;
        assertEquals(List.of(Ipv6Address.parse("2001:db8:1::1")), list.addressesByPreference());
    }

    @Test
    void aRouterThatStopsBeingAHomeAgentOrSaysLifetimeZeroLeaves() {
        list.heard(Ipv6Address.parse("fe80::2"), ra(RouterAdvertisement.HOME_AGENT, 30, "2001:db8:1::2", 1, 100));
        list.heard(Ipv6Address.parse("fe80::2"), ra(0, 30, "2001:db8:1::2", null, 0));
        assertEquals(1, list.size());
        list.heard(Ipv6Address.parse("fe80::3"), ra(RouterAdvertisement.HOME_AGENT, 30, "2001:db8:1::3", 1, 100));
        list.heard(Ipv6Address.parse("fe80::3"), ra(RouterAdvertisement.HOME_AGENT, 30, "2001:db8:1::3", 1, 0));
        assertEquals(1, list.size());
    }
}
