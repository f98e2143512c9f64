package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class MovementDetectorTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix VISIT = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix VISIT2 = Ipv6Prefix.parse("2001:db8:3::/64");
    static final Ipv6Address R = Ipv6Address.parse("fe80::1");
    static final Ipv6Address AR = Ipv6Address.parse("fe80::2");
    static final Ipv6Address AR2 = Ipv6Address.parse("fe80::3");

    MovementDetector detector(Map<String, Integer> prefs) {
        MovementDetector d = new MovementDetector(HOA, HOME, prefs);
        d.link(2, "eth0", true);
        d.link(3, "eth1", true);
        return d;
    }

    @Test
    void aRouterAdvertisingTheHomePrefixMeansHome() {
        MovementDetector d = detector(Map.of());
        assertEquals(Location.DETACHED, d.locate());
        d.routerAdvertisement(2, R, 1800, List.of(HOME), 0, 0);
        Location l = d.locate();
        assertEquals(Location.Kind.AT_HOME, l.kind());
        assertEquals("eth0", l.interfaceName());
    }

    @Test
    void aVisitedLinkNeedsARouterAndAUsableAddressInItsPrefix() {
        MovementDetector d = detector(Map.of());
        d.routerAdvertisement(2, AR, 1800, List.of(VISIT), 0, 0);
        assertEquals(Location.DETACHED, d.locate());
        d.address(2, Ipv6Address.parse("2001:db8:2::abcd"), false, true);
        assertEquals(Location.DETACHED, d.locate(), "a tentative address is no care-of address");
        d.address(2, Ipv6Address.parse("2001:db8:2::abcd"), true, true);
        Location l = d.locate();
        assertEquals(Location.Kind.AWAY, l.kind());
        assertEquals(Ipv6Address.parse("2001:db8:2::abcd"), l.careOf());
        assertEquals(AR, l.router());
    }

    @Test
    void linkDownMovesToTheOtherLinkAndPreferenceDecidesBetweenTwo() {
        MovementDetector d = detector(Map.of("eth0", 10, "eth1", 5));
        d.routerAdvertisement(2, AR, 1800, List.of(VISIT), 0, 0);
        d.address(2, Ipv6Address.parse("2001:db8:2::a"), true, true);
        d.routerAdvertisement(3, AR2, 1800, List.of(VISIT2), 0, 0);
        d.address(3, Ipv6Address.parse("2001:db8:3::a"), true, true);
        assertEquals("eth0", d.locate().interfaceName());
        d.link(2, "eth0", false);
        assertEquals(Ipv6Address.parse("2001:db8:3::a"), d.locate().careOf());
        d.link(2, "eth0", true);
        assertEquals("eth1", d.locate().interfaceName(), "eth0 has no router again until it advertises");
    }

    @Test
    void aRouterMissingThreeAdvertisedIntervalsIsLost() {
        MovementDetector d = detector(Map.of());
        d.routerAdvertisement(2, AR, 1800, List.of(VISIT), 1000, 0);
        d.address(2, Ipv6Address.parse("2001:db8:2::a"), true, true);
        assertEquals(3000, d.nextExpiry());
        assertEquals(false, d.expire(2999));
        assertEquals(true, d.expire(3000));
        assertEquals(Location.DETACHED, d.locate());
    }

    @Test
    void theHomeAddressAndHomePrefixAddressesAreNeverCareOfAddresses() {
        MovementDetector d = detector(Map.of());
        d.routerAdvertisement(2, AR, 1800, List.of(VISIT), 0, 0);
        d.address(2, HOA, true, true);
        d.address(2, Ipv6Address.parse("2001:db8:1::5"), true, true);
        assertEquals(Location.DETACHED, d.locate());
    }

    @Test
    void interfacesOutsideTheConfiguredListAreIgnored() {
        MovementDetector d = new MovementDetector(HOA, HOME, Map.of("eth1", 1));
        d.link(2, "eth0", true);
        d.routerAdvertisement(2, AR, 1800, List.of(VISIT), 0, 0);
        d.address(2, Ipv6Address.parse("2001:db8:2::a"), true, true);
        assertEquals(Location.DETACHED, d.locate());
    }
}
