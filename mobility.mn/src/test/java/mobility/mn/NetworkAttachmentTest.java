package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class NetworkAttachmentTest {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");
    static final Ipv6Prefix VISIT = Ipv6Prefix.parse("2001:db8:2::/64");
    static final Ipv6Prefix VISIT2 = Ipv6Prefix.parse("2001:db8:3::/64");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::10");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::10");
    static final LinkIdentity AR = new LinkIdentity(Ipv6Address.parse("fe80::1"), "02:00:00:00:00:01");
    static final LinkIdentity AR2 = new LinkIdentity(Ipv6Address.parse("fe80::2"), "02:00:00:00:00:02");
    static final LinkIdentity HA = new LinkIdentity(Ipv6Address.parse("fe80::3"), "02:00:00:00:00:03");

    static List<NetworkAttachment.AdvertisedPrefix> prefix(Ipv6Prefix p, long valid) {
        return List.of(new NetworkAttachment.AdvertisedPrefix(p, valid, valid));
    }

    @Test
    void aVisitedLinkIsProbedOnLinkUpAndItsRouterAnsweringGivesBackTheCareOfAddress() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        dna.advertised(AR, prefix(VISIT, 600), 30, 100, 0);
        dna.usingCareOf(AR.router(), COA);
        dna.advertised(AR2, prefix(VISIT2, 600), 30, 100, 1_000);
        dna.usingCareOf(AR2.router(), COA2);
        List<NetworkAttachment.KnownLink> probes = dna.linkUp(2, 2_000);
        assertEquals(List.of(AR2, AR), probes.stream().map(NetworkAttachment.KnownLink::identity).toList());
        NetworkAttachment.KnownLink back = dna.confirmed(2, AR.router(), 2_010);
        assertEquals(COA, back.careOf());
        assertEquals(List.of(VISIT), back.onLinkPrefixes());
        assertEquals(598, back.remaining(back.careOfPrefix().validSeconds(), 2_010));
        assertNull(dna.confirmed(2, AR2.router(), 2_020), "one link per link-up");
    }

    @Test
    void aLinkWithoutACareOfAddressIsNotProbedButHomeIs() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        dna.advertised(AR, prefix(VISIT, 600), 30, 100, 0);
        dna.advertised(HA, prefix(HOME, 600), 30, 100, 0);
        assertEquals(List.of(HA), dna.linkUp(2, 10).stream().map(NetworkAttachment.KnownLink::identity).toList());
        assertEquals(HA, dna.confirmed(2, HA.router(), 20).identity());
    }

    @Test
    void answersAfterTheLinkWentOrFromRoutersNotProbedMeanNothing() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        dna.advertised(AR, prefix(VISIT, 600), 30, 100, 0);
        dna.usingCareOf(AR.router(), COA);
        assertNull(dna.confirmed(2, AR.router(), 5), "nothing probed yet");
        dna.linkUp(2, 10);
        assertNull(dna.confirmed(3, AR.router(), 11), "another interface");
        assertNull(dna.confirmed(2, AR2.router(), 12), "a router not probed");
        dna.linkDown(2);
        assertNull(dna.confirmed(2, AR.router(), 13));
    }

    @Test
    void expiredKnowledgeIsNotReused() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        dna.advertised(AR, prefix(VISIT, 10), 1800, 100, 0);
        dna.usingCareOf(AR.router(), COA);
        assertEquals(1, dna.linkUp(2, 9_000).size());
        assertTrue(dna.linkUp(2, 11_000).isEmpty(), "the care-of address's prefix is no longer valid");
        NetworkAttachment other = new NetworkAttachment(HOME);
        other.advertised(AR2, prefix(VISIT2, 600), 5, 100, 0);
        other.usingCareOf(AR2.router(), COA2);
        assertTrue(other.linkUp(2, 6_000).isEmpty(), "the router's lifetime is over");
    }

    @Test
    void twoProbedRoutersWithOneLinkLocalAddressCannotBeToldApart() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        LinkIdentity same = new LinkIdentity(AR.router(), "02:00:00:00:00:09");
        dna.advertised(AR, prefix(VISIT, 600), 30, 100, 0);
        dna.usingCareOf(AR.router(), COA);
        dna.advertised(same, prefix(VISIT2, 600), 30, 100, 0);
        dna.usingCareOf(AR.router(), COA2);
        assertEquals(2, dna.linkUp(2, 10).size());
        assertNull(dna.confirmed(2, AR.router(), 11));
    }

    @Test
    void theLeastRecentlySeenLinkIsForgottenFirst() {
        NetworkAttachment dna = new NetworkAttachment(HOME);
        for (int i = 0; i <= NetworkAttachment.REMEMBERED_LINKS; i++) {
            LinkIdentity id = new LinkIdentity(Ipv6Address.parse("fe80::" + (i + 10)), "02:00:00:00:01:" + (i + 10));
            Ipv6Prefix p = Ipv6Prefix.parse("2001:db8:" + (100 + i) + "::/64");
            dna.advertised(id, prefix(p, 600), 30, 100, i);
            dna.usingCareOf(id.router(), Ipv6Address.parse("2001:db8:" + (100 + i) + "::10"));
        }
        List<NetworkAttachment.KnownLink> probes = dna.linkUp(2, 100);
        assertEquals(NetworkAttachment.PROBES, probes.size());
        assertEquals(Ipv6Address.parse("fe80::" + (NetworkAttachment.REMEMBERED_LINKS + 10)),
                probes.get(0).identity().router());
    }
}
