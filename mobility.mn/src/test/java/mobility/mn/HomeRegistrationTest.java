package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingUpdate;

class HomeRegistrationTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address COA1 = Ipv6Address.parse("2001:db8:2::100");
    static final Ipv6Address COA2 = Ipv6Address.parse("2001:db8:3::100");

    HomeRegistration registration() {
        return new HomeRegistration(HOA, HA, 400, 100, RegistrationTimers.DEFAULT);
    }

    static BindingAcknowledgement ba(int status, int seq, int lifetimeUnits) {
        return new BindingAcknowledgement(status, 0, seq, lifetimeUnits);
    }

    @Test
    void firstRegistrationSendsAhWithTheCareOfAddressAndWaits1500ms() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        assertEquals(101, bu.sequenceNumber());
        assertTrue(bu.acknowledge() && bu.homeRegistration());
        assertEquals(100, bu.lifetime());
        assertEquals(COA1, bu.alternateCareOfAddress().orElseThrow().address());
        assertEquals(1500, r.nextAt());
        assertEquals(State.WAITING_FOR_ACK, r.state());
    }

    @Test
    void retransmissionsBackOffExponentiallyUpTo32Seconds() {
        HomeRegistration r = registration();
        r.register(COA1, "eth1", 0);
        assertNull(r.due(1499));
        long t = 1500;
        long[] waits = {3000, 6000, 12000, 24000, 32000, 32000};
        int seq = 101;
        for (long w : waits) {
            BindingUpdate again = r.due(t);
            assertEquals(++seq, again.sequenceNumber(), "each update gets a new sequence number (§11.7.1)");
            assertEquals(t + w, r.nextAt());
            t += w;
        }
        assertEquals(6, r.entry().retransmissions());
    }

    @Test
    void acceptedAcknowledgementRegistersAndSchedulesARefreshBeforeExpiry() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 1000);
        assertEquals(HomeRegistration.Outcome.REGISTERED, r.acknowledged(ba(0, bu.sequenceNumber(), 25), 1200));
        assertEquals(State.REGISTERED, r.state());
        assertEquals(1000 + 100_000, r.expiresAt(), "the lifetime counts from the sending of the update");
        assertEquals(1000 + 80_000, r.nextAt());
        BindingUpdate refresh = r.due(81_000);
        assertEquals(bu.sequenceNumber() + 1, refresh.sequenceNumber());
        assertEquals(1000, r.nextAt() - 81_000, "re-registrations wait 1 s first");
    }

    @Test
    void refreshAdviceShortensTheRefresh() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        r.acknowledged(new BindingAcknowledgement(0, 0, bu.sequenceNumber(), 25, new BindingRefreshAdvice(5)), 10);
        assertEquals(20_000, r.nextAt());
    }

    @Test
    void status135ResynchronisesTheSequenceNumberAndResendsAtOnce() {
        HomeRegistration r = registration();
        r.register(COA1, "eth1", 0);
        assertEquals(HomeRegistration.Outcome.RESEND, r.acknowledged(ba(135, 5000, 0), 100));
        BindingUpdate again = r.due(100);
        assertEquals(5001, again.sequenceNumber());
    }

    @Test
    void anAcknowledgementForAnOlderUpdateIsIgnored() {
        HomeRegistration r = registration();
        r.register(COA1, "eth1", 0);
        BindingUpdate second = r.register(COA2, "eth2", 10);
        assertEquals(HomeRegistration.Outcome.IGNORED, r.acknowledged(ba(0, second.sequenceNumber() - 1, 25), 20));
        assertEquals(HomeRegistration.Outcome.REGISTERED, r.acknowledged(ba(0, second.sequenceNumber(), 25), 20));
        assertEquals(COA2, r.entry().careOfAddress());
    }

    @Test
    void theAnswerToAnEarlierCopyOfTheSameRequestIsTaken() {
        HomeRegistration r = registration();
        BindingUpdate first = r.register(COA1, "eth1", 0);
        r.due(1500);
        BindingUpdate third = r.due(4500);
        assertEquals(first.sequenceNumber() + 2, third.sequenceNumber());
        assertEquals(HomeRegistration.Outcome.REGISTERED, r.acknowledged(ba(0, first.sequenceNumber(), 25), 5000));
        assertEquals(State.REGISTERED, r.state());
    }

    @Test
    void refusalIsFinalUntilTheNextMove() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        assertEquals(HomeRegistration.Outcome.REFUSED, r.acknowledged(ba(132, bu.sequenceNumber(), 0), 10));
        assertEquals(State.FAILED, r.state());
        assertEquals(132, r.entry().lastStatus());
        assertNull(r.due(100_000));
    }

    @Test
    void returningHomeSendsLifetimeZeroWithTheHomeAddressAsCareOf() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        r.acknowledged(ba(0, bu.sequenceNumber(), 25), 10);
        BindingUpdate home = r.deregister(2000);
        assertEquals(0, home.lifetime());
        assertTrue(home.alternateCareOfAddress().isEmpty());
        assertEquals(HomeRegistration.Outcome.DEREGISTERED, r.acknowledged(ba(0, home.sequenceNumber(), 0), 2100));
        assertNull(r.state(), "a finished deregistration leaves no Binding Update List entry");
        assertNull(r.due(1_000_000));
    }

    @Test
    void bindingRefreshRequestTriggersAnUpdateNow() {
        HomeRegistration r = registration();
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        r.acknowledged(ba(0, bu.sequenceNumber(), 25), 10);
        BindingUpdate now = r.refreshRequested(5000);
        assertEquals(bu.sequenceNumber() + 1, now.sequenceNumber());
        assertEquals(List.of(COA1), List.of(now.alternateCareOfAddress().orElseThrow().address()));
    }

    @Test
    void theSameCareOfAddressIsHeldWhileRegisteredOrInFlightButNotAfterARefusalOrAtHome() {
        HomeRegistration r = registration();
        assertFalse(r.holds(COA1, "eth1"), "nothing registered yet");
        BindingUpdate bu = r.register(COA1, "eth1", 0);
        assertTrue(r.holds(COA1, "eth1"), "in flight");
        assertFalse(r.holds(COA2, "eth1"));
        assertFalse(r.holds(COA1, "eth2"));
        r.acknowledged(ba(0, bu.sequenceNumber(), 25), 10);
        assertTrue(r.holds(COA1, "eth1"), "registered");
        BindingUpdate home = r.deregister(20);
        assertFalse(r.holds(COA1, "eth1"), "deregistering");
        r.acknowledged(ba(0, home.sequenceNumber(), 0), 30);
        assertFalse(r.holds(COA1, "eth1"), "deregistered");
        BindingUpdate again = r.register(COA1, "eth1", 40);
        assertEquals(HomeRegistration.Outcome.REFUSED, r.acknowledged(ba(129, again.sequenceNumber(), 0), 50));
        assertFalse(r.holds(COA1, "eth1"), "refused");
    }
}
