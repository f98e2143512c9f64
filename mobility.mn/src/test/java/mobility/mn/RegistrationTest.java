package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingUpdate;

class RegistrationTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");

    static HomeRegistration registration() {
        return new HomeRegistration(HOA, HA, 400, 1, RegistrationTimers.DEFAULT);
    }

    @Test
    void theListHoldsTheRegistrationsThatAreInItInOrder() {
        HomeRegistration idle = registration();
        HomeRegistration first = registration();
        first.register(COA, "eth1", 0);
        HomeRegistration second = registration();
        second.register(Ipv6Address.parse("2001:db8:3::100"), "eth2", 0);
        List<BindingUpdateListEntry> bul = Registration.published(Arrays.asList(idle, first, null, second));
        assertEquals(2, bul.size(), "nothing sent yet, or nothing at all: not in the list");
        assertEquals(COA, bul.get(0).careOfAddress());
        assertEquals("eth2", bul.get(1).interfaceName());
    }

    @Test
    void anAcceptedDeregistrationTakesTheEntryOut() {
        HomeRegistration r = registration();
        r.register(COA, "eth1", 0);
        assertEquals(1, Registration.published(List.of(r)).size());
        BindingUpdate bu = r.deregister(100);
        r.acknowledged(new BindingAcknowledgement(0, 0, bu.sequenceNumber(), 0), 200);
        assertEquals(List.of(), Registration.published(List.of(r)));
    }
}
