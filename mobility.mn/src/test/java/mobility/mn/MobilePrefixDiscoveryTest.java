package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingUpdate;

class MobilePrefixDiscoveryTest {

    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::100/64");
    static final Ipv6Address HOA = HOME.address();
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final Location AWAY = new Location(Location.Kind.AWAY, "eth1", 3, COA, Ipv6Address.parse("fe80::1"));
    static final Location AT_HOME = new Location(Location.Kind.AT_HOME, "eth0", 2, null,
            Ipv6Address.parse("fe80::1"));
    /** The binding lifetime asked for: the home prefix runs low with less than this left. */
    static final int LIFETIME = 400;
    static final long MAX_WAIT = 32_000;

    final RecordingSender out = new RecordingSender();
    final AtomicInteger identifiers = new AtomicInteger(77);
    final MobilePrefixDiscovery mpd = new MobilePrefixDiscovery(HOME, LIFETIME, MAX_WAIT, out,
            identifiers::getAndIncrement);

    static PrefixInformation homePrefix(long validSeconds) {
        return new PrefixInformation(64, PrefixInformation.ON_LINK | PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION,
                validSeconds, validSeconds, Ipv6Address.parse("2001:db8:1::"));
    }

    static HomeRegistration registered() {
        HomeRegistration r = new HomeRegistration(HOA, HA, LIFETIME, 1, RegistrationTimers.DEFAULT);
        BindingUpdate bu = r.register(COA, "eth1", 0);
        r.acknowledged(new BindingAcknowledgement(0, 0, bu.sequenceNumber(), 100), 10);
        return r;
    }

    @Test
    void solicitsNothingWhileTheHomePrefixHasNoKnownEnd() {
        HomeRegistration r = registered();
        mpd.tick(1000, AWAY, r);
        mpd.prefixInformation(homePrefix(0xffff_ffffL), 1000);
        mpd.tick(2000, AWAY, r);
        assertEquals(0, out.count());
        assertEquals(Long.MAX_VALUE, mpd.homePrefixValidUntil(), "an infinite lifetime never runs low");
    }

    @Test
    void solicitsOnceLessOfTheHomePrefixIsLeftThanTheBindingLifetime() {
        HomeRegistration r = registered();
        mpd.prefixInformation(homePrefix(1000), 0);
        assertEquals(1_000_000, mpd.homePrefixValidUntil());
        mpd.tick(599_999, AWAY, r);
        assertEquals(0, out.count(), "401 s left: more than the binding lifetime");
        mpd.tick(600_000, AWAY, r);
        assertEquals(1, out.count());
        RecordingSender.Sent s = out.last();
        assertEquals(77, assertInstanceOf(MobilePrefixSolicitation.class, s.message()).identifier());
        assertEquals(3, s.ifindex());
        assertEquals(COA, s.source(), "from the care-of address");
        assertEquals(HA, s.destination(), "to the home agent");
        assertEquals(HOA, s.homeAddress(), "with the home address in a Home Address option");
        assertEquals("mps.sent", s.counter());
    }

    @Test
    void retransmitsWithExponentialBackOffUpToTheMaximumKeepingTheIdentifier() {
        HomeRegistration r = registered();
        mpd.prefixInformation(homePrefix(100), 0);
        long t = 1000;
        mpd.tick(t, AWAY, r);
        long[] waits = {3000, 6000, 12_000, 24_000, 32_000, 32_000};
        for (long wait : waits) {
            int before = out.count();
            mpd.tick(t + wait - 1, AWAY, r);
            assertEquals(before, out.count(), "nothing before " + wait + " ms");
            t += wait;
            mpd.tick(t, AWAY, r);
            assertEquals(before + 1, out.count(), "again after " + wait + " ms");
        }
        assertEquals(List.of(77), out.sent.stream()
                .map(s -> ((MobilePrefixSolicitation) s.message()).identifier()).distinct().toList());
    }

    @Test
    void theSolicitedAdvertisementEndsTheSolicitationAndResetsTheBackOff() {
        HomeRegistration r = registered();
        mpd.prefixInformation(homePrefix(100), 0);
        mpd.tick(1000, AWAY, r);
        mpd.tick(4000, AWAY, r);
        assertEquals(2, out.count());
        mpd.advertised(new MobilePrefixAdvertisement(77, 0, List.of(homePrefix(300))), 5000);
        assertEquals(305_000, mpd.homePrefixValidUntil(), "the lifetime counts from the advertisement");
        mpd.tick(10_000, AWAY, r);
        assertEquals(3, out.count(), "still low: asked again once the wait is over, under a new identifier");
        assertEquals(78, ((MobilePrefixSolicitation) out.last().message()).identifier());
        mpd.tick(12_999, AWAY, r);
        assertEquals(3, out.count());
        mpd.tick(13_000, AWAY, r);
        assertEquals(4, out.count(), "the back-off starts again at INITIAL_SOLICIT_TIMER");
    }

    @Test
    void anUnsolicitedAdvertisementRefreshesTheLifetimeButNotTheSolicitation() {
        HomeRegistration r = registered();
        mpd.prefixInformation(homePrefix(100), 0);
        mpd.tick(1000, AWAY, r);
        mpd.advertised(new MobilePrefixAdvertisement(5, 0, List.of(homePrefix(100))), 2000);
        assertEquals(102_000, mpd.homePrefixValidUntil());
        mpd.tick(4000, AWAY, r);
        mpd.tick(9999, AWAY, r);
        assertEquals(2, out.count(), "the back-off went on: 3 s, then 6 s");
        mpd.advertised(new MobilePrefixAdvertisement(5, 0, List.of(homePrefix(100_000))), 10_000);
        mpd.tick(10_000, AWAY, r);
        assertEquals(2, out.count(), "plenty of the home prefix left now");
    }

    @Test
    void otherPrefixesDoNotCount() {
        mpd.prefixInformation(new PrefixInformation(64, PrefixInformation.ON_LINK, 10, 10,
                Ipv6Address.parse("2001:db8:2::")), 0);
        mpd.prefixInformation(new PrefixInformation(48, PrefixInformation.ON_LINK, 10, 10,
                Ipv6Address.parse("2001:db8:1::")), 0);
        assertEquals(Long.MAX_VALUE, mpd.homePrefixValidUntil());
    }

    @Test
    void solicitsOnlyAwayAndRegistered() {
        mpd.prefixInformation(homePrefix(10), 0);
        mpd.tick(1000, AT_HOME, registered());
        mpd.tick(1000, Location.DETACHED, registered());
        mpd.tick(1000, AWAY, null);
        HomeRegistration waiting = new HomeRegistration(HOA, HA, LIFETIME, 1, RegistrationTimers.DEFAULT);
        waiting.register(COA, "eth1", 0);
        mpd.tick(1000, AWAY, waiting);
        assertEquals(0, out.count());
        mpd.tick(1000, AWAY, registered());
        assertEquals(1, out.count());
    }
}
