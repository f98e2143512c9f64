package mobility.cn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKey;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.Lifetime;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.rr.BindingManagementKey;
import mobility.api.wire.rr.NodeKey;

/**
 * The correspondent node's state machine (RFC 6275 §9.4, §9.5) with a clock the test moves: the mobile node's side
 * is played here with the same wire codec, making Kbm from the tokens the Home and Care-of Tests gave.
 */
class CorrespondentRegistrationTest {

    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2300::c");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:2700::4");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1100::4");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:1000::4");

    long now = 1_000_000;
    final Counters stats = new Counters();
    final List<SignallingPacket> sent = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final CorrespondentBindingCache cache = new CorrespondentBindingCache();
    final NonceLifetimes nonces = new NonceLifetimes(new SecureRandom(), () -> now);
    final ReturnRoutabilityResponder rr = new ReturnRoutabilityResponder(NodeKey.generate(new SecureRandom()), nonces);
    CorrespondentRegistration cn = node(List.of(), 420);

    CorrespondentRegistration node(List<Ipv6Prefix> permitted, int maxLifetime) {
        return new CorrespondentRegistration(CODEC, rr,
                new CorrespondentRegistrar(rr, new CorrespondentRegistrar.Policy(permitted, maxLifetime)), cache,
                new CorrespondentRegistration.Effects() {
                    @Override
                    public void send(SignallingPacket packet) {
                        sent.add(packet);
                    }

                    @Override
                    public void persist(Binding binding) {
                        events.add("persist");
                    }

                    @Override
                    public void forget(Binding binding) {
                        events.add("forget");
                    }

                    @Override
                    public void post(String topic, Binding binding) {
                        events.add(topic.substring(topic.lastIndexOf('/') + 1));
                    }
                }, stats, () -> now, new ErrorRateLimit(10, () -> now * 1_000_000));
    }

    /** The mobile node's tokens from one round of return routability. */
    record Tokens(HomeTest hot, CareOfTest cot) {
        BindingManagementKey kbm() {
            return BindingManagementKey.of(hot.homeKeygenToken(), cot.careOfKeygenToken());
        }
    }

    MobilityMessage lastSent() throws Exception {
        SignallingPacket p = sent.get(sent.size() - 1);
        byte[] m = p.message().clone();
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, p.source(), p.finalDestination());
        return CODEC.decode(m, 0, m.length, p.source(), p.finalDestination());
    }

    Tokens returnRoutability(Ipv6Address careOf) throws Exception {
        byte[] hoti = CODEC.encode(new HomeTestInit(0x1111), HOA, CN);
        cn.received(new SignallingPacket(135, 0, HOA, CN, null, null, 64, hoti), new HomeTestInit(0x1111));
        HomeTest hot = assertInstanceOf(HomeTest.class, lastSent());
        assertEquals(HOA, sent.get(sent.size() - 1).destination());
        assertEquals(0x1111, hot.homeInitCookie());
        cn.received(new SignallingPacket(135, 0, careOf, CN, null, null, 64, new byte[0]), new CareOfTestInit(0x2222));
        CareOfTest cot = assertInstanceOf(CareOfTest.class, lastSent());
        assertEquals(careOf, sent.get(sent.size() - 1).destination());
        return new Tokens(hot, cot);
    }

    /** A Binding Update as the mobile node sends it: Nonce Indices, then Binding Authorization Data signed. */
    SignallingPacket bu(Tokens t, Ipv6Address careOf, int seq, int flags, long lifetimeSeconds,
            BindingManagementKey kbm, int homeIndex, int careOfIndex) {
        BindingUpdate bu = new BindingUpdate(seq, flags, Lifetime.toUnits(lifetimeSeconds),
                List.of(new NonceIndices(homeIndex, careOfIndex), BindingAuthorizationData.UNSIGNED));
        byte[] m = new byte[CODEC.encodedLength(bu)];
        CODEC.encodeUnchecksummed(bu, m, 0);
        kbm.sign(careOf, CN, m, 0, m.length);
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, HOA, CN);
        return new SignallingPacket(135, 0, careOf, CN, HOA, null, 64, m);
    }

    SignallingPacket bu(Tokens t, Ipv6Address careOf, int seq, long lifetimeSeconds) {
        return bu(t, careOf, seq, BindingUpdate.ACKNOWLEDGE, lifetimeSeconds, t.kbm(), t.hot().homeNonceIndex(),
                t.cot().careOfNonceIndex());
    }

    void deliver(SignallingPacket p) throws Exception {
        byte[] m = p.message();
        cn.received(p, CODEC.decode(m, 0, m.length, p.effectiveSource(), p.finalDestination()));
    }

    BindingAcknowledgement acknowledgement(Tokens t, Ipv6Address careOf) throws Exception {
        SignallingPacket p = sent.get(sent.size() - 1);
        assertEquals(careOf, p.destination());
        assertEquals(HOA, p.routingHeaderAddress(), "§9.5.4: to the home address through a Type 2 routing header");
        BindingAcknowledgement ba = assertInstanceOf(BindingAcknowledgement.class, lastSent());
        if (t != null) {
            byte[] m = p.message().clone();
            assertTrue(t.kbm().verifies(careOf, CN, m, 0, m.length, ba), "§6.1.8: the BA's authenticator");
        }
        return ba;
    }

    @Test
    void returnRoutabilityThenABindingUpdateMakesACorrespondentBindingAcknowledgedWithKbm() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 7, 300));
        BindingAcknowledgement ba = acknowledgement(t, COA);
        assertEquals(0, ba.status());
        assertEquals(7, ba.sequenceNumber());
        Binding b = cache.lookup(new BindingKey(CN, HOA)).orElseThrow();
        assertEquals(COA, b.careOfAddress());
        assertEquals(300, b.lifetimeSeconds());
        assertEquals(mobility.api.binding.BindingKind.CORRESPONDENT, b.kind());
        assertEquals(List.of("persist", "ADDED"), events);
    }

    @Test
    void lifetimeIsCappedAtMaxRrBindingLifetime() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 7, 3000));
        assertEquals(420, acknowledgement(t, COA).lifetimeSeconds());
        cn = node(List.of(), 100);
        t = returnRoutability(COA);
        deliver(bu(t, COA, 8, 3000));
        assertEquals(100, acknowledgement(t, COA).lifetimeSeconds());
    }

    @Test
    void aWrongAuthenticatorIsDiscardedSilentlyAndChangesNothing() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 7, 300));
        int before = sent.size();
        Tokens other = returnRoutability(COA2);
        // Signed with the key of the other care-of address: the care-of keygen token does not match.
        deliver(bu(other, COA, 8, BindingUpdate.ACKNOWLEDGE, 300, other.kbm(), other.hot().homeNonceIndex(),
                other.cot().careOfNonceIndex()));
        assertEquals(before + 2, sent.size(), "only the two tests of the second round were sent");
        assertEquals(1, stats.get("bu.drop.authenticator"));
        assertEquals(COA, cache.lookup(new BindingKey(CN, HOA)).orElseThrow().careOfAddress());
    }

    @Test
    void aBindingUpdateWithoutNonceIndicesIsDiscarded() throws Exception {
        Tokens t = returnRoutability(COA);
        BindingUpdate bu = new BindingUpdate(7, BindingUpdate.ACKNOWLEDGE, 10,
                List.of(BindingAuthorizationData.UNSIGNED));
        byte[] m = new byte[CODEC.encodedLength(bu)];
        CODEC.encodeUnchecksummed(bu, m, 0);
        t.kbm().sign(COA, CN, m, 0, m.length);
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, HOA, CN);
        int before = sent.size();
        deliver(new SignallingPacket(135, 0, COA, CN, HOA, null, 64, m));
        assertEquals(before, sent.size());
        assertEquals(1, stats.get("bu.drop.no_nonce_indices"));
        assertTrue(cache.snapshot().isEmpty());
    }

    @Test
    void noncesAreHandedOutFor30SecondsAndAcceptedFor240() throws Exception {
        Tokens t = returnRoutability(COA);
        now += 29_000;
        assertEquals(t.hot().homeNonceIndex(), returnRoutability(COA).hot().homeNonceIndex());
        now += 1_000;
        assertTrue(returnRoutability(COA).hot().homeNonceIndex() != t.hot().homeNonceIndex(), "a new nonce at 30 s");
        now += 209_000; // 239 s after the first nonce was made: its tokens still authorize
        deliver(bu(t, COA, 7, 100));
        assertEquals(0, acknowledgement(t, COA).status());
        now += 1_000; // 240 s: expired (MAX_NONCE_LIFETIME)
        deliver(bu(t, COA, 8, 100));
        BindingAcknowledgement ba = acknowledgement(null, COA);
        assertEquals(138, ba.status());
        assertEquals(1, stats.get("bu.refused.expired_nonces"));
    }

    @Test
    void anExpiredHomeOrCareOfNonceIndexGetsItsOwnStatus() throws Exception {
        Tokens t = returnRoutability(COA);
        int bogus = (t.hot().homeNonceIndex() + 1000) & 0xffff;
        deliver(bu(t, COA, 7, BindingUpdate.ACKNOWLEDGE, 100, t.kbm(), bogus, t.cot().careOfNonceIndex()));
        assertEquals(136, acknowledgement(null, COA).status());
        deliver(bu(t, COA, 8, BindingUpdate.ACKNOWLEDGE, 100, t.kbm(), t.hot().homeNonceIndex(), bogus));
        assertEquals(137, acknowledgement(null, COA).status());
        assertTrue(cache.snapshot().isEmpty());
    }

    @Test
    void aStaleSequenceNumberGets135WithTheLastAcceptedOne() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 100, 100));
        deliver(bu(t, COA, 90, 100));
        BindingAcknowledgement ba = acknowledgement(t, COA);
        assertEquals(135, ba.status());
        assertEquals(100, ba.sequenceNumber());
    }

    @Test
    void aMoveRebindsAndADeregistrationDeletes() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 1, 100));
        Tokens t2 = returnRoutability(COA2);
        deliver(bu(t2, COA2, 2, 100));
        assertEquals(COA2, cache.lookup(new BindingKey(CN, HOA)).orElseThrow().careOfAddress());
        deliver(bu(t2, COA2, 3, 0));
        assertEquals(0, acknowledgement(t2, COA2).status());
        assertTrue(cache.snapshot().isEmpty());
        assertEquals(List.of("persist", "ADDED", "persist", "UPDATED", "forget", "REMOVED"), events);
    }

    /** §5.2.6: back home, the mobile node deregisters from its home address with Kbm of the home token alone. */
    @Test
    void deregistrationFromHomeUsesTheHomeKeygenTokenAlone() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 1, 100));
        BindingUpdate bu = new BindingUpdate(2, BindingUpdate.ACKNOWLEDGE, 0,
                List.of(new NonceIndices(t.hot().homeNonceIndex(), 0), BindingAuthorizationData.UNSIGNED));
        byte[] m = new byte[CODEC.encodedLength(bu)];
        CODEC.encodeUnchecksummed(bu, m, 0);
        BindingManagementKey home = BindingManagementKey.forDeregistration(t.hot().homeKeygenToken());
        home.sign(HOA, CN, m, 0, m.length);
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, HOA, CN);
        deliver(new SignallingPacket(135, 0, HOA, CN, null, null, 64, m));
        SignallingPacket p = sent.get(sent.size() - 1);
        assertEquals(HOA, p.destination());
        assertNull(p.routingHeaderAddress());
        BindingAcknowledgement ba = assertInstanceOf(BindingAcknowledgement.class, lastSent());
        assertEquals(0, ba.status());
        assertTrue(home.verifies(HOA, CN, p.message().clone(), 0, p.message().length, ba));
        assertTrue(cache.snapshot().isEmpty());
    }

    @Test
    void aHomeAddressOptionWithoutABindingGetsBindingErrorStatus1() throws Exception {
        cn.received(new SignallingPacket(135, 0, COA, CN, HOA, null, 64, new byte[0]), new CareOfTestInit(1));
        BindingError be = assertInstanceOf(BindingError.class, lastSent());
        assertEquals(1, be.status());
        assertEquals(HOA, be.homeAddress());
        assertEquals(COA, sent.get(sent.size() - 1).destination());
        assertEquals(1, stats.get("be.sent.status.1"));
    }

    @Test
    void aHomeAddressNotPermittedGets129() throws Exception {
        cn = node(List.of(Ipv6Prefix.parse("2001:db8:9999::/48")), 420);
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 1, 100));
        assertEquals(129, acknowledgement(t, COA).status());
        assertTrue(cache.snapshot().isEmpty());
    }

    @Test
    void bindingsExpireAndAskForARefreshBeforeOnce() throws Exception {
        Tokens t = returnRoutability(COA);
        deliver(bu(t, COA, 1, 100));
        List<Binding> refresh = new ArrayList<>();
        List<Binding> gone = new ArrayList<>();
        now += 89_000;
        cache.tick(now, 10_000, gone::add, refresh::add);
        assertTrue(refresh.isEmpty());
        now += 1_000;
        cache.tick(now, 10_000, gone::add, b -> {
            refresh.add(b);
            cn.refreshDue(b);
        });
        cache.tick(now, 10_000, gone::add, refresh::add);
        assertEquals(1, refresh.size());
        assertInstanceOf(BindingRefreshRequest.class, lastSent());
        assertEquals(HOA, sent.get(sent.size() - 1).routingHeaderAddress());
        now += 10_000;
        cache.tick(now, 10_000, gone::add, refresh::add);
        assertEquals(1, gone.size());
        assertNotNull(gone.get(0));
        assertTrue(cache.snapshot().isEmpty());
    }
}
