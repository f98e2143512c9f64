package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;

class HomeAgentAddressDiscoveryTest {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::100/64");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final Ipv6Address HA1 = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address HA2 = Ipv6Address.parse("2001:db8:1::2");
    static final Location AWAY = new Location(Location.Kind.AWAY, "eth1", 3, COA, Ipv6Address.parse("fe80::1"));
    static final Location HOME_LINK = new Location(Location.Kind.AT_HOME, "eth0", 2, null,
            Ipv6Address.parse("fe80::1"));

    final RecordingSender out = new RecordingSender();
    final Counters stats = new Counters();
    final AtomicInteger identifiers = new AtomicInteger(0x1234);
    final HomeAgentAddressDiscovery dhaad = new HomeAgentAddressDiscovery(HOME, out, stats,
            identifiers::getAndIncrement);

    @Test
    void asksTheHomeAgentsAnycastAddressOfTheHomePrefixFromTheCareOfAddressAtOnce() {
        assertEquals(Ipv6Address.parse("2001:db8:1:0:fdff:ffff:ffff:fffe"), dhaad.anycast());
        dhaad.start(AWAY, 1000);
        assertTrue(dhaad.running());
        RecordingSender.Sent s = out.last();
        assertEquals(0x1234, assertInstanceOf(HomeAgentAddressDiscoveryRequest.class, s.message()).identifier());
        assertEquals(3, s.ifindex());
        assertEquals(COA, s.source());
        assertEquals(dhaad.anycast(), s.destination());
        assertNull(s.homeAddress(), "a request goes plainly from the care-of address");
        assertEquals(64, s.hopLimit());
        assertEquals("dhaad.request.sent", s.counter());
    }

    @Test
    void retransmitsAfterInitialDhaadTimeoutDoubledEachTimeThenGivesUpAfterDhaadRetries() {
        dhaad.start(AWAY, 0);
        long[] retransmissions = {3000, 9000, 21_000, 45_000};
        for (int i = 0; i < retransmissions.length; i++) {
            assertFalse(dhaad.tick(AWAY, retransmissions[i] - 1));
            assertEquals(1 + i, out.count(), "nothing before " + retransmissions[i]);
            assertFalse(dhaad.tick(AWAY, retransmissions[i]));
            assertEquals(2 + i, out.count(), "a retransmission at " + retransmissions[i]);
        }
        assertEquals(1 + HomeAgentAddressDiscovery.DHAAD_RETRIES, out.count());
        assertFalse(dhaad.tick(AWAY, 92_999));
        assertTrue(dhaad.tick(AWAY, 93_000), "gives up once the last wait (48 s) is over");
        assertFalse(dhaad.running());
        assertEquals(5, out.count());
        assertFalse(dhaad.tick(AWAY, 200_000), "gives up once");
        assertEquals(5, out.count());
        assertTrue(out.sent.stream().allMatch(s -> ((HomeAgentAddressDiscoveryRequest) s.message()).identifier()
                == 0x1234), "retransmissions keep the identifier");
    }

    @Test
    void aStartWhileADiscoveryRunsChangesNothing() {
        dhaad.start(AWAY, 0);
        dhaad.start(AWAY, 100);
        assertEquals(1, out.count());
        dhaad.tick(AWAY, 3000);
        assertEquals(2, out.count(), "the back-off was not reset");
    }

    @Test
    void sendsOnlyAwayAndSendsTheDueRequestOnTheFirstTickAway() {
        dhaad.start(HOME_LINK, 0);
        assertTrue(dhaad.running());
        assertEquals(0, out.count());
        assertFalse(dhaad.tick(HOME_LINK, 50));
        assertFalse(dhaad.tick(Location.DETACHED, 100));
        assertEquals(0, out.count());
        dhaad.tick(AWAY, 150);
        assertEquals(1, out.count());
        dhaad.tick(AWAY, 3149);
        assertEquals(1, out.count(), "the first wait counts from the request sent");
        dhaad.tick(AWAY, 3150);
        assertEquals(2, out.count());
    }

    @Test
    void takesTheFirstHomeAgentOfTheReplyToItsRequestAndEnds() {
        dhaad.start(AWAY, 0);
        assertEquals(HA2, dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA2, HA1))));
        assertFalse(dhaad.running());
        assertEquals(1, stats.get("dhaad.reply.received"));
        assertFalse(dhaad.tick(AWAY, 100_000));
        assertEquals(1, out.count(), "no retransmission after the answer");
        assertNull(dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA1))), "answered already");
        assertEquals(1, stats.get("dhaad.reply.ignored"));
    }

    @Test
    void ignoresRepliesWithAnotherIdentifierOrWithoutHomeAgents() {
        assertNull(dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA1))), "nothing asked yet");
        dhaad.start(AWAY, 0);
        assertNull(dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1235, List.of(HA1))));
        assertNull(dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of())));
        assertEquals(3, stats.get("dhaad.reply.ignored"));
        assertTrue(dhaad.running());
        assertEquals(HA1, dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA1))));
    }

    @Test
    void eachDiscoveryHasAFreshIdentifier() {
        dhaad.start(AWAY, 0);
        dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA1)));
        dhaad.start(AWAY, 10);
        assertEquals(0x1235, ((HomeAgentAddressDiscoveryRequest) out.last().message()).identifier());
        assertNull(dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA1))),
                "a late answer to the earlier discovery");
        assertEquals(HA1, dhaad.answered(new HomeAgentAddressDiscoveryReply(0x1235, List.of(HA1))));
    }
}
