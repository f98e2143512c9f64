package mobility.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingEvents;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

class HomeRegistrationTest {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();

    final List<String> log = new ArrayList<>();
    final List<SignallingPacket> sent = new ArrayList<>();
    boolean duplicate;
    boolean storeFails;
    CountDownLatch answered = new CountDownLatch(1);
    long now = 1_000_000;
    final HomeAgentStatistics stats = new HomeAgentStatistics();
    final Workers workers = new Workers(2, 100);

    final RegistrationEffects effects = new RegistrationEffects() {
        @Override
        public CompletionStage<Boolean> duplicateDetected(Ipv6Address homeAddress, boolean linkLocalToo) {
            log.add("dad " + homeAddress);
            return CompletableFuture.supplyAsync(() -> duplicate);
        }

        @Override
        public CompletionStage<Void> persist(Binding binding) {
            log.add("persist " + binding.careOfAddress());
            return storeFails ? CompletableFuture.failedFuture(new IllegalStateException("disk full"))
                    : CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> forget(Ipv6Address homeAddress) {
            log.add("forget " + homeAddress);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void install(Binding binding, Binding previous) {
            log.add("install " + binding.careOfAddress() + (previous == null ? "" : " replacing " + previous.sequence()));
        }

        @Override
        public void uninstall(Binding binding) {
            log.add("uninstall " + binding.homeAddress());
        }

        @Override
        public synchronized void send(SignallingPacket packet) {
            sent.add(packet);
            answered.countDown();
        }

        @Override
        public void post(String topic, Binding binding) {
            log.add(topic);
        }
    };

    HomeBindingCache cache = new HomeBindingCache(new TimerWheel(64, 1, TimeUnit.SECONDS, () -> now * 1_000_000),
            () -> now, new HomeBindingCache.Timers() {
                @Override
                public void expired(Binding binding) {
                }

                @Override
                public void refreshDue(Binding binding) {
                }
            }, 0);

    HomeRegistration registration(boolean dad, int refreshAdvice) {
        HomeRegistrar registrar = new HomeRegistrar(
                new HomeRegistrar.Policy(List.of(Ipv6Prefix.parse("2001:db8:1::/64")), 262, 100, false, true),
                p -> Long.MAX_VALUE);
        return new HomeRegistration(CODEC, registrar, cache, effects, stats, workers, () -> now, dad, refreshAdvice,
                p -> false, 256);
    }

    @AfterEach
    void stop() {
        workers.close();
    }

    /** As the signalling service hands a home registration over: decoded once (it answers the malformed ones). */
    static void deliver(HomeRegistration r, SignallingPacket p) {
        try {
            r.received(p, (BindingUpdate) CODEC.decode(p.message(), 0, p.message().length, p.effectiveSource(),
                    p.destination()));
        } catch (mobility.api.wire.WireFormatException e) {
            throw new AssertionError(e);
        }
    }

    static SignallingPacket bu(int seq, int flags, int lifetimeUnits) {
        BindingUpdate bu = new BindingUpdate(seq, flags, lifetimeUnits);
        return new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 3, COA, HA, HOA, null, 64,
                CODEC.encode(bu, HOA, HA));
    }

    MobilityMessage answer() throws Exception {
        assertTrue(answered.await(5, TimeUnit.SECONDS), "no answer sent; log " + log);
        SignallingPacket p = sent.get(sent.size() - 1);
        answered = new CountDownLatch(1);
        // The signalling service computes the checksum; here the test does, over the pseudo-header of §6.1.1.
        byte[] m = p.message().clone();
        Ipv6Address finalDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, p.source(), finalDestination);
        return CODEC.decode(m, 0, m.length, p.source(), finalDestination);
    }

    static final int AH = BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION;

    @Test
    void firstRegistrationRunsDadThenInstallsStoresAndAcknowledgesThroughTheRoutingHeader() throws Exception {
        deliver(registration(true, 0), bu(10, AH, 100));
        BindingAcknowledgement ba = (BindingAcknowledgement) answer();
        assertEquals(0, ba.status());
        assertEquals(10, ba.sequenceNumber());
        assertEquals(65, ba.lifetime()); // 262 s cut to whole 4-second units
        SignallingPacket p = sent.get(0);
        assertEquals(HA, p.source());
        assertEquals(COA, p.destination());
        assertEquals(HOA, p.routingHeaderAddress());
        // Forwarding and the store run at the same time; the event and the acknowledgement come after both.
        assertEquals("dad " + HOA, log.get(0));
        assertEquals(Set.of("install " + COA, "persist " + COA), Set.copyOf(log.subList(1, 3)));
        assertEquals(List.of(BindingEvents.ADDED), log.subList(3, log.size()));
        Binding b = cache.lookup(HOA).orElseThrow();
        assertEquals(HA, b.localAddress());
        assertEquals("AH--", b.flagString());
    }

    @Test
    void defendedHomeAddressGetsStatus134AndNoBinding() throws Exception {
        duplicate = true;
        deliver(registration(true, 0), bu(10, AH, 100));
        assertEquals(134, ((BindingAcknowledgement) answer()).status());
        assertTrue(cache.lookup(HOA).isEmpty());
        assertEquals(1, stats.get("dad.duplicate"));
    }

    @Test
    void refreshSkipsDadAndStaleSequenceGets135WithTheLastAccepted() throws Exception {
        HomeRegistration r = registration(true, 0);
        deliver(r, bu(10, AH, 100));
        answer();
        deliver(r, bu(11, AH, 50));
        BindingAcknowledgement refresh = (BindingAcknowledgement) answer();
        assertEquals(0, refresh.status());
        assertEquals(50, refresh.lifetime());
        assertTrue(log.contains("install " + COA + " replacing 10"), log::toString);
        assertEquals(1, log.stream().filter(l -> l.startsWith("dad")).count());
        deliver(r, bu(11, AH, 50));
        BindingAcknowledgement stale = (BindingAcknowledgement) answer();
        assertEquals(135, stale.status());
        assertEquals(11, stale.sequenceNumber());
    }

    @Test
    void deregistrationRemovesTheBindingAndAcknowledgesWithLifetimeZero() throws Exception {
        HomeRegistration r = registration(false, 0);
        deliver(r, bu(1, AH, 100));
        answer();
        deliver(r, bu(2, AH, 0));
        BindingAcknowledgement ba = (BindingAcknowledgement) answer();
        assertEquals(0, ba.status());
        assertEquals(0, ba.lifetime());
        assertTrue(cache.lookup(HOA).isEmpty());
        assertTrue(log.contains("uninstall " + HOA) && log.contains(BindingEvents.REMOVED), log::toString);
    }

    @Test
    void acceptedUpdateWithoutTheAFlagIsNotAcknowledged() throws Exception {
        deliver(registration(false, 0), bu(1, BindingUpdate.HOME_REGISTRATION, 100));
        for (int i = 0; i < 100 && cache.lookup(HOA).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertTrue(cache.lookup(HOA).isPresent());
        Thread.sleep(50);
        assertTrue(sent.isEmpty());
    }

    @Test
    void storeFailureIsRefusedWith128AndTheForwardingIsUndone() throws Exception {
        storeFails = true;
        deliver(registration(false, 0), bu(1, AH, 100));
        assertEquals(128, ((BindingAcknowledgement) answer()).status());
        assertTrue(cache.lookup(HOA).isEmpty());
        assertEquals(Set.of("install " + COA, "persist " + COA), Set.copyOf(log.subList(0, 2)));
        assertEquals(List.of("uninstall " + HOA), log.subList(2, log.size()));
    }

    @Test
    void moveRefusedByTheStoreGoesBackToThePreviousCareOfAddress() throws Exception {
        HomeRegistration r = registration(false, 0);
        deliver(r, bu(1, AH, 100));
        answer();
        storeFails = true;
        deliver(r, bu(2, AH, 100));
        assertEquals(128, ((BindingAcknowledgement) answer()).status());
        assertEquals(1, cache.lookup(HOA).orElseThrow().sequence());
        assertEquals("install " + COA + " replacing 2", log.get(log.size() - 1));
    }

    @Test
    void refreshAdviceIsSentWhenShorterThanTheLifetime() throws Exception {
        deliver(registration(false, 100), bu(1, AH, 100));
        BindingAcknowledgement ba = (BindingAcknowledgement) answer();
        assertEquals(25, ba.bindingRefreshAdvice().orElseThrow().refreshInterval());
    }

}
