package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.ParameterProblem;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * The mobile node's correspondents as a whole (RFC 6275 §11.3.3, §11.3.5, §11.6.2): who gets an entry from
 * tunnelled traffic, where the inits go, which Home Tests count, and a Parameter Problem ending route optimisation.
 */
class ReturnRoutabilityTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:2700::4");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:2700::2");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2300::c");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1100::4");

    final RecordingSender out = new RecordingSender();
    final Counters stats = new Counters();
    final AtomicLong cookies = new AtomicLong(7);
    Location location = new Location(Location.Kind.AWAY, "eth0", 3, COA, Ipv6Address.parse("fe80::1"));
    Ipv6Address registeredWith = HA;

    /** A Logger that keeps the lines it is given, made from the interface so nothing of the framework is needed. */
    final List<String> logged = new java.util.ArrayList<>();
    final org.osgi.service.log.Logger log = (org.osgi.service.log.Logger) java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {org.osgi.service.log.Logger.class}, (proxy, method, args) -> {
                if (args != null && args.length > 0 && args[0] instanceof String format) {
                    logged.add(method.getName() + ": " + format);
                }
                return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
            });

    ReturnRoutability rr(List<Ipv6Prefix> optimised) {
        MobileNodeSettings settings = new MobileNodeSettings(Ipv6Prefix.parse("2001:db8:2700::4/64"), "eth0", HA,
                262, true, RegistrationTimers.DEFAULT, Map.of(), List.of(), optimised);
        TunnelledCorrespondents notWatching = new TunnelledCorrespondents(null, null, stats, log, a -> { });
        return new ReturnRoutability(settings, MobilityHeaderCodec.standard(), out, notWatching,
                new ReturnRoutability.Whereabouts() {
                    @Override
                    public Location location() {
                        return location;
                    }

                    @Override
                    public Ipv6Address registeredHomeAgent() {
                        return registeredWith;
                    }
                }, stats, log, () -> 100, cookies::incrementAndGet);
    }

    @Test
    void tunnelledTrafficFromAPermittedCorrespondentStartsReturnRoutabilityOnce() {
        ReturnRoutability r = rr(List.of(Ipv6Prefix.parse("2001:db8:2300::/48")));
        assertTrue(r.tunnelledFrom(CN, 1000));
        assertFalse(r.tunnelledFrom(CN, 1001), "one entry per correspondent");
        RecordingSender.Sent hoti = out.sent.get(0);
        assertTrue(hoti.message() instanceof HomeTestInit);
        assertEquals(HOA, hoti.source());
        assertEquals(0, hoti.ifindex(), "§11.6.1: routed by its source into the reverse tunnel");
        RecordingSender.Sent coti = out.sent.get(1);
        assertTrue(coti.message() instanceof CareOfTestInit);
        assertEquals(COA, coti.source());
        assertEquals(3, coti.ifindex());
        assertEquals(1, stats.get("ro.triggered"));
        assertFalse(r.tunnelledFrom(Ipv6Address.parse("2001:db8:9::1"), 1002));
        assertEquals(1, stats.get("ro.trigger.not_permitted"));
        registeredWith = null;
        assertFalse(r.tunnelledFrom(Ipv6Address.parse("2001:db8:2300::d"), 1003), "not before the home agent holds "
                + "the care-of address: the Home Test Init needs the reverse tunnel");
    }

    @Test
    void aHomeTestCountsOnlyWhenItCameThroughTheTunnelFromTheHomeAgent() {
        ReturnRoutability r = rr(List.of(Ipv6Prefix.parse("::/0")));
        r.tunnelledFrom(CN, 1000);
        HomeTestInit hoti = (HomeTestInit) out.sent.get(0).message();
        HomeTest hot = new HomeTest(5, hoti.homeInitCookie(), 42);
        SignallingPacket direct = new SignallingPacket(135, 3, CN, HOA, null, null, 64, new byte[0]);
        r.received(direct, hot, r.of(CN), 1010);
        assertEquals(1, stats.get("hot.drop.not_tunnelled"));
        SignallingPacket fromElsewhere = new SignallingPacket(135, 3, CN, HOA, null, null, 64, new byte[0],
                SignallingPacket.Arrival.tunnelled(Ipv6Address.parse("2001:db8:1100::66"), COA));
        r.received(fromElsewhere, hot, r.of(CN), 1011);
        assertEquals(2, stats.get("hot.drop.not_tunnelled"));
        SignallingPacket tunnelled = new SignallingPacket(135, 3, CN, HOA, null, null, 64, new byte[0],
                SignallingPacket.Arrival.tunnelled(HA, COA));
        r.received(tunnelled, hot, r.of(CN), 1012);
        assertEquals(1, stats.get("hot.received"));
        assertEquals(5, r.of(CN).entry().returnRoutability().homeNonceIndex());
    }

    @Test
    void aParameterProblemForAMobilityHeaderEndsRouteOptimisationAndIsCountedOnce() {
        ReturnRoutability r = rr(List.of(Ipv6Prefix.parse("::/0")));
        r.tunnelledFrom(CN, 1000);
        byte[] invoking = new byte[48];
        invoking[0] = 0x60;
        invoking[6] = (byte) 135;
        System.arraycopy(HOA.toBytes(), 0, invoking, 8, 16);
        System.arraycopy(CN.toBytes(), 0, invoking, 24, 16);
        assertFalse(r.parameterProblem(new ParameterProblem(0, 6, invoking)), "code 0 is another problem");
        assertTrue(r.parameterProblem(new ParameterProblem(1, 6, invoking)));
        assertEquals(State.FAILED, r.of(CN).state());
        assertFalse(r.parameterProblem(new ParameterProblem(1, 6, invoking)));
        assertEquals(1, stats.get("ro.fallback.icmp.parameter_problem"));
        assertTrue(logged.stream().anyMatch(l -> l.contains("stopped")), logged.toString());
        assertFalse(r.tunnelledFrom(CN, 2000), "its traffic does not start it again");
        r.cameHome(3000);
        assertNull(r.of(CN).state(), "nothing bound there: the entry leaves the list at home");
    }
}
