package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.BindingUpdate;

class SignallingSenderTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:9::9");

    final RecordingSender out = new RecordingSender();

    @Test
    void awayABindingUpdateGoesFromTheCareOfAddressWithTheHomeAddressOption() {
        BindingUpdate bu = new BindingUpdate(7, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION, 100);
        out.bindingUpdate(bu, 3, COA, HOA, HA);
        RecordingSender.Sent s = out.last();
        assertSame(bu, s.message());
        assertEquals(3, s.ifindex());
        assertEquals(COA, s.source());
        assertEquals(HA, s.destination());
        assertEquals(HOA, s.homeAddress());
        assertEquals("bu", s.counter());
    }

    @Test
    void atHomeABindingUpdateGoesPlainlyFromTheHomeAddress() {
        out.bindingUpdate(new BindingUpdate(8, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION, 0), 2,
                HOA, HOA, HA);
        assertEquals(HOA, out.last().source());
        assertNull(out.last().homeAddress());
    }

    @Test
    void theDestinationIsWhicheverPeerTheCallerNames() {
        out.bindingUpdate(new BindingUpdate(9, 0, 10), 3, COA, HOA, CN);
        assertEquals(CN, out.last().destination(), "a correspondent node (§11.7.2) as well as the home agent");
        assertEquals(HOA, out.last().homeAddress());
    }
}
