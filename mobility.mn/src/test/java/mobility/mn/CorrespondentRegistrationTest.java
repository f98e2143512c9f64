package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.rr.BindingManagementKey;
import mobility.api.wire.rr.NodeKey;

/**
 * The mobile node's return routability and correspondent registration (RFC 6275 §11.6, §11.7.2), against a
 * correspondent played here from the RFC's formulas (Kcn, nonces, keygen tokens, Kbm), with a clock the test moves;
 * and UMIP's known defects shown fixed: the binding is renewed before 420 s, the latest care-of nonce index is used,
 * and an entry of a node that came home never sends a Binding Update with the care-of address it left.
 */
class CorrespondentRegistrationTest {

    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:2700::4");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2300::c");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1100::4");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:1000::4");

    final NodeKey kcn = NodeKey.generate(new SecureRandom());
    final AtomicLong cookies = new AtomicLong(100);
    long now = 5_000_000;
    int nonceIndex = 40;
    final CorrespondentRegistration r = new CorrespondentRegistration(HOA, CN, 420, 1000, RegistrationTimers.DEFAULT,
            CODEC, cookies::incrementAndGet);

    /** The correspondent's answers to the inits in {@code out}, with a fresh nonce each time. */
    HomeTest homeTestFor(List<CorrespondentRegistration.Outgoing> out) {
        HomeTestInit hoti = out.stream().map(o -> o.message()).filter(HomeTestInit.class::isInstance)
                .map(HomeTestInit.class::cast).findFirst().orElseThrow();
        int i = ++nonceIndex;
        return new HomeTest(i, hoti.homeInitCookie(), kcn.homeKeygenToken(HOA, i * 7L));
    }

    CareOfTest careOfTestFor(List<CorrespondentRegistration.Outgoing> out, Ipv6Address careOf) {
        CareOfTestInit coti = out.stream().map(o -> o.message()).filter(CareOfTestInit.class::isInstance)
                .map(CareOfTestInit.class::cast).findFirst().orElseThrow();
        int i = ++nonceIndex;
        return new CareOfTest(i, coti.careOfInitCookie(), kcn.careOfKeygenToken(careOf, i * 7L));
    }

    /** What the correspondent checks (§9.5.1): Kbm from its own tokens for the named nonces verifies the BU. */
    BindingUpdate verifiedAtCorrespondent(CorrespondentRegistration.Outgoing o, Ipv6Address careOf) throws Exception {
        byte[] m = o.signed().clone();
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, HOA, CN);
        BindingUpdate bu = (BindingUpdate) CODEC.decode(m, 0, m.length, HOA, CN);
        int home = bu.nonceIndices().orElseThrow().homeNonceIndex();
        int careOfIndex = bu.nonceIndices().orElseThrow().careOfNonceIndex();
        long homeToken = kcn.homeKeygenToken(HOA, home * 7L);
        BindingManagementKey kbm = careOf.equals(HOA) ? BindingManagementKey.forDeregistration(homeToken)
                : BindingManagementKey.of(homeToken, kcn.careOfKeygenToken(careOf, careOfIndex * 7L));
        assertTrue(kbm.verifies(careOf, CN, m, 0, m.length, bu), "the correspondent's Kbm verifies the BU");
        return bu;
    }

    /** The correspondent's acknowledgement, signed with the same Kbm (§6.1.8). */
    byte[] ack(BindingUpdate bu, Ipv6Address careOf, int status, int lifetimeUnits) {
        int home = bu.nonceIndices().orElseThrow().homeNonceIndex();
        int careOfIndex = bu.nonceIndices().orElseThrow().careOfNonceIndex();
        long homeToken = kcn.homeKeygenToken(HOA, home * 7L);
        BindingManagementKey kbm = careOf.equals(HOA) ? BindingManagementKey.forDeregistration(homeToken)
                : BindingManagementKey.of(homeToken, kcn.careOfKeygenToken(careOf, careOfIndex * 7L));
        BindingAcknowledgement ba = new BindingAcknowledgement(status, 0, bu.sequenceNumber(), lifetimeUnits,
                BindingAuthorizationData.UNSIGNED);
        byte[] m = new byte[CODEC.encodedLength(ba)];
        CODEC.encodeUnchecksummed(ba, m, 0);
        kbm.sign(careOf, CN, m, 0, m.length);
        return m;
    }

    BindingAcknowledgement decode(byte[] m) throws Exception {
        return (BindingAcknowledgement) CODEC.decodeUnverified(m, 0, m.length);
    }

    /** A whole round from a care-of address: tests, BU, accepted. Returns the BU. */
    BindingUpdate register(Ipv6Address careOf) throws Exception {
        var out = r.moved(careOf, "eth0", now);
        assertEquals(State.RETURN_ROUTABILITY, r.state());
        var bu = complete(out, careOf);
        byte[] ba = ack(bu, careOf, 0, 105);
        assertEquals(List.of(), r.acknowledged(decode(ba), ba, now));
        assertEquals(State.REGISTERED, r.state());
        return bu;
    }

    BindingUpdate complete(List<CorrespondentRegistration.Outgoing> out, Ipv6Address careOf) throws Exception {
        return complete(r, out, careOf);
    }

    BindingUpdate complete(CorrespondentRegistration r, List<CorrespondentRegistration.Outgoing> out,
            Ipv6Address careOf) throws Exception {
        List<CorrespondentRegistration.Outgoing> sent = List.of();
        boolean home = out.stream().anyMatch(o -> o.message() instanceof HomeTestInit);
        boolean careOfTest = out.stream().anyMatch(o -> o.message() instanceof CareOfTestInit);
        if (home) {
            out.stream().filter(o -> o.message() instanceof HomeTestInit).forEach(o -> {
                assertEquals(HOA, o.source(), "§11.6.1: from the home address");
                assertNull(o.homeAddressOption());
            });
            sent = r.homeTest(homeTestFor(out), now);
        }
        if (careOfTest) {
            out.stream().filter(o -> o.message() instanceof CareOfTestInit)
                    .forEach(o -> assertEquals(careOf, o.source(), "from the care-of address"));
            sent = r.careOfTest(careOfTestFor(out, careOf), careOf, now);
        }
        assertEquals(1, sent.size(), "the Binding Update once both tokens are in");
        CorrespondentRegistration.Outgoing bu = sent.get(0);
        assertEquals(careOf, bu.source());
        assertEquals(careOf.equals(HOA) ? null : HOA, bu.homeAddressOption());
        return verifiedAtCorrespondent(bu, careOf);
    }

    @Test
    void returnRoutabilityThenAnAuthorizedBindingUpdateAndItsAcknowledgement() throws Exception {
        BindingUpdate bu = register(COA);
        assertTrue(bu.acknowledge());
        assertTrue(!bu.homeRegistration());
        var e = r.entry();
        assertEquals(420, e.lifetimeGrantedSeconds());
        assertTrue(e.returnRoutability().bindingKeyReady());
        assertEquals(COA, e.returnRoutability().careOfTokenFor());
    }

    @Test
    void anAcknowledgementWhoseAuthenticatorDoesNotVerifyIsIgnored() throws Exception {
        var bu = complete(r.moved(COA, "eth0", now), COA);
        byte[] ba = ack(bu, COA, 0, 105);
        ba[ba.length - 1] ^= 1;
        assertNull(r.acknowledged(decode(ba), ba, now));
        assertEquals(State.WAITING_FOR_ACK, r.state());
    }

    /** UMIP defect (b): after a move the BU names the care-of nonce index of the latest Care-of Test. */
    @Test
    void aMoveUsesTheCareOfNonceIndexOfTheLatestCareOfTest() throws Exception {
        BindingUpdate first = register(COA);
        now += 5_000;
        var out = r.moved(COA2, "eth0", now);
        assertTrue(out.stream().noneMatch(o -> o.message() instanceof HomeTestInit), "the home token is still good");
        CareOfTest cot = careOfTestFor(out, COA2);
        var sent = r.careOfTest(cot, COA2, now);
        BindingUpdate second = verifiedAtCorrespondent(sent.get(0), COA2);
        assertEquals(cot.careOfNonceIndex(), second.nonceIndices().orElseThrow().careOfNonceIndex());
        assertEquals(first.nonceIndices().orElseThrow().homeNonceIndex(),
                second.nonceIndices().orElseThrow().homeNonceIndex());
        assertTrue(cot.careOfNonceIndex() != first.nonceIndices().orElseThrow().careOfNonceIndex());
        assertEquals(cot.careOfNonceIndex(), r.entry().returnRoutability().careOfNonceIndex());
    }

    /** UMIP defect (a): communication longer than MAX_RR_BINDING_LIFETIME keeps its binding. */
    @Test
    void theBindingIsRenewedBeforeItOrItsTokensRunOut() throws Exception {
        register(COA);
        long registeredAt = now;
        for (int round = 0; round < 4; round++) {
            long next = r.nextAt();
            assertTrue(next - now <= (MAX_TOKEN_LIFETIME()) && next > now, "renewal due in time: " + (next - now));
            now = next;
            var out = r.due(now);
            assertEquals(State.RETURN_ROUTABILITY, r.state());
            BindingUpdate bu = complete(out, COA);
            byte[] ba = ack(bu, COA, 0, 105);
            r.acknowledged(decode(ba), ba, now);
            assertTrue(r.bound(now));
        }
        assertTrue(now - registeredAt > 420_000, "bound for longer than 420 s");
    }

    static long MAX_TOKEN_LIFETIME() {
        return CorrespondentRegistration.MAX_TOKEN_LIFETIME_MILLIS;
    }

    /** UMIP defect (c): back home, the deregistration uses the home address and the home token alone. */
    @Test
    void comingHomeDeregistersWithTheHomeTokenAndNeverUsesTheOldCareOfAddress() throws Exception {
        register(COA);
        now += 1_000;
        var out = r.cameHome(now);
        assertTrue(out.stream().noneMatch(o -> o.message() instanceof CareOfTestInit));
        List<CorrespondentRegistration.Outgoing> sent = out.stream()
                .filter(o -> o.message() instanceof BindingUpdate).toList();
        assertEquals(1, sent.size(), "the home token is fresh: the deregistration goes at once");
        assertEquals(HOA, sent.get(0).source());
        BindingUpdate bu = verifiedAtCorrespondent(sent.get(0), HOA);
        assertEquals(0, bu.lifetime());
        // Nothing comes back for a while: retransmissions, never from the care-of address, until the entry gives up.
        for (int i = 0; i < 10 && r.state() != null && r.state() != State.FAILED; i++) {
            now = r.nextAt();
            for (var o : r.due(now)) {
                assertEquals(HOA, o.source(), "no Binding Update with the care-of address left behind");
            }
        }
        var fresh = new CorrespondentRegistration(HOA, CN, 420, 1, RegistrationTimers.DEFAULT, CODEC,
                cookies::incrementAndGet);
        var sentFresh = fresh.moved(COA, "eth0", now);
        BindingUpdate registered = complete(fresh, sentFresh, COA);
        byte[] first = ack(registered, COA, 0, 105);
        fresh.acknowledged(decode(first), first, now);
        var home = fresh.cameHome(now);
        BindingUpdate dereg = verifiedAtCorrespondent(home.stream().filter(o -> o.signed() != null).findFirst()
                .orElseThrow(), HOA);
        byte[] ba = ack(dereg, HOA, 0, 0);
        fresh.acknowledged(decode(ba), ba, now);
        assertNull(fresh.state(), "§11.5.5: the entry leaves the list");
    }

    @Test
    void aBindingErrorFallsBackToTheTunnelAndSaysWhy() throws Exception {
        r.moved(COA, "eth0", now);
        r.bindingError(new BindingError(2, HOA));
        assertEquals(State.FAILED, r.state());
        assertEquals("be.status.2", r.fallbackReason());
        assertEquals(List.of(), r.due(now + 100_000));
    }

    @Test
    void expiredNoncesRunTheTestsAgain() throws Exception {
        BindingUpdate bu = complete(r.moved(COA, "eth0", now), COA);
        byte[] ba = ack(bu, COA, 137, 0);
        var out = r.acknowledged(decode(ba), ba, now);
        assertTrue(out.stream().anyMatch(o -> o.message() instanceof CareOfTestInit));
        assertEquals(State.RETURN_ROUTABILITY, r.state());
    }

    @Test
    void testInitsAreRetransmittedWithBackOffThenGiveUp() {
        r.moved(COA, "eth0", now);
        long wait = r.nextAt() - now;
        assertEquals(1000, wait);
        int sends = 0;
        while (r.state() == State.RETURN_ROUTABILITY) {
            now = r.nextAt();
            var out = r.due(now);
            sends += out.size();
            assertTrue(sends < 40);
        }
        assertEquals(State.FAILED, r.state());
        assertEquals("rr.timeout", r.fallbackReason());
        assertTrue(sends >= 10, "both inits resent on each back-off step: " + sends);
    }

    @Test
    void aHomeTestWithAnotherCookieIsIgnored() {
        r.moved(COA, "eth0", now);
        assertNull(r.homeTest(new HomeTest(1, 999_999, 5), now));
        assertInstanceOf(State.class, r.state());
    }
}
