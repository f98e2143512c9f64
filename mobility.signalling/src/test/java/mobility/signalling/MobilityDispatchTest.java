package mobility.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService.Recipient;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/** RFC 6275 §9.2: one decode, delivery by type and H flag, and the answers to what no role takes. */
class MobilityDispatchTest {

    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    static final Ipv6Address US = Ipv6Address.parse("2001:db8:2300::c");
    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:2700::4");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1100::4");

    final SignallingCounters counters = new SignallingCounters();
    final List<SignallingPacket> answers = new ArrayList<>();
    long nanos;
    final MobilityDispatch dispatch = new MobilityDispatch(counters, () -> CODEC, US::equals,
            new ErrorRateLimit(2, () -> nanos));
    final List<String> got = new ArrayList<>();

    MobilityDispatchTest() {
        dispatch.answerWith(answers::add);
    }

    /** A Binding Update from the care-of address with the home address in a Home Address option. */
    static SignallingPacket fromCareOf(MobilityMessage m, Ipv6Address to) {
        return new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 3, COA, to, HOA, null, 64,
                CODEC.encode(m, HOA, to));
    }

    MobilityMessage answer(int i) throws Exception {
        SignallingPacket p = answers.get(i);
        byte[] m = p.message().clone();
        MobilityHeaderCodec.fillChecksum(m, 0, m.length, p.source(), p.finalDestination());
        return CODEC.decode(m, 0, m.length, p.source(), p.finalDestination());
    }

    @Test
    void bindingUpdatesGoToTheRoleTheirHomeRegistrationFlagNames() {
        dispatch.add(Recipient.HOME_AGENT, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("ha"));
        dispatch.add(Recipient.CORRESPONDENT_NODE, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("cn"));
        dispatch.deliver(fromCareOf(new BindingUpdate(1, BindingUpdate.HOME_REGISTRATION, 10), US));
        dispatch.deliver(fromCareOf(new BindingUpdate(2, BindingUpdate.ACKNOWLEDGE, 10), US));
        assertEquals(List.of("ha", "cn"), got);
        assertTrue(answers.isEmpty());
    }

    @Test
    void aTypeNoRoleTakesGetsBindingErrorStatus2WithTheHomeAddressRateLimited() throws Exception {
        dispatch.add(Recipient.HOME_AGENT, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("ha"));
        SignallingPacket hoti = new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 3, HOA, US, null, null, 64,
                CODEC.encode(new HomeTestInit(7), HOA, US));
        dispatch.deliver(hoti);
        BindingError be = assertInstanceOf(BindingError.class, answer(0));
        assertEquals(BindingError.UNRECOGNIZED_MH_TYPE, be.status());
        assertEquals(HOA, answers.get(0).destination());
        assertEquals(US, answers.get(0).source());
        byte[] unknown = {59, 0, 42, 0, 0, 0, 0, 0};
        MobilityHeaderCodec.fillChecksum(unknown, 0, unknown.length, HOA, US);
        SignallingPacket p = new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 3, COA, US, HOA, null, 64, unknown);
        dispatch.deliver(p);
        assertEquals(HOA, ((BindingError) answer(1)).homeAddress());
        dispatch.deliver(p);
        assertEquals(2, answers.size(), "two a second at most");
        assertEquals(1, counters.snapshot().get("answers.rate_limited"));
        nanos += 1_000_000_000L;
        dispatch.deliver(p);
        assertEquals(3, answers.size());
        assertTrue(got.isEmpty());
    }

    @Test
    void aHomeRegistrationWhereNoHomeAgentRunsGetsStatus131ThroughTheRoutingHeader() throws Exception {
        dispatch.add(Recipient.CORRESPONDENT_NODE, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("cn"));
        dispatch.deliver(fromCareOf(new BindingUpdate(9, BindingUpdate.HOME_REGISTRATION
                | BindingUpdate.ACKNOWLEDGE, 10), US));
        BindingAcknowledgement ba = assertInstanceOf(BindingAcknowledgement.class, answer(0));
        assertEquals(131, ba.status());
        assertEquals(9, ba.sequenceNumber());
        assertEquals(COA, answers.get(0).destination());
        assertEquals(HOA, answers.get(0).routingHeaderAddress());
        assertTrue(got.isEmpty());
    }

    @Test
    void aBindingErrorIsNeverAnsweredWithOne() {
        dispatch.add(Recipient.HOME_AGENT, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("ha"));
        dispatch.deliver(fromCareOf(new BindingError(2, HOA), US));
        assertTrue(answers.isEmpty());
        assertEquals(1, counters.snapshot().get("mh.unclaimed.type.7"));
    }

    @Test
    void aBadChecksumIsDiscardedSilently() {
        dispatch.add(Recipient.HOME_AGENT, Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> got.add("ha"));
        SignallingPacket good = fromCareOf(new BindingUpdate(1, BindingUpdate.HOME_REGISTRATION, 10), US);
        byte[] m = good.message().clone();
        m[4] ^= 0x55;
        dispatch.deliver(new SignallingPacket(135, 3, COA, US, HOA, null, 64, m));
        assertTrue(answers.isEmpty());
        assertTrue(got.isEmpty());
        assertEquals(1, counters.snapshot().get("mh.malformed"));
    }

    @Test
    void signallingRoutedThroughThisNodeIsNotForItsRoles() {
        dispatch.add(Recipient.CORRESPONDENT_NODE, Set.of(MobilityHeader.HOME_TEST_INIT), (p, m) -> got.add("cn"));
        Ipv6Address elsewhere = Ipv6Address.parse("2001:db8:2300::99");
        dispatch.deliver(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 3, HOA, elsewhere, null, null, 64,
                CODEC.encode(new HomeTestInit(7), HOA, elsewhere)));
        assertTrue(got.isEmpty());
        assertTrue(answers.isEmpty());
        assertNull(counters.snapshot().get("mh.unclaimed.type.1"));
    }
}
