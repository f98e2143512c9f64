package mobility.ha;

import static mobility.api.wire.mh.BindingAcknowledgementStatus.ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.INSUFFICIENT_RESOURCES;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.INVALID_PREFIX;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.MOBILE_ROUTER_OPERATION_NOT_PERMITTED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.NOT_HOME_SUBNET;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.REGISTRATION_TYPE_CHANGE_DISALLOWED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class HomeRegistrarTest {

    static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:1::100");
    static final Ipv6Address COA = Ipv6Address.parse("2001:db8:2::100");
    static final Ipv6Prefix HOME = Ipv6Prefix.parse("2001:db8:1::/64");

    long prefixLifetime = Long.MAX_VALUE;
    HomeRegistrar.Policy policy = new HomeRegistrar.Policy(List.of(HOME), 262, 10, false, false);

    HomeRegistrar registrar() {
        return new HomeRegistrar(policy, p -> prefixLifetime);
    }

    static BindingRequest bu(int seq, int lifetimeUnits) {
        return new BindingRequest(HOA, COA, seq, lifetimeUnits, true, true, false, false, false, List.of(), false);
    }

    static Binding existing(int seq) {
        return new Binding(HOA, COA, Ipv6Address.parse("2001:db8:1::1"), seq, Binding.HOME_REGISTRATION, 100, 0, 100_000, List.of());
    }

    @Test
    void firstRegistrationIsNewAndClampedToTheMaximumLifetimeInWholeUnits() {
        Decision d = registrar().decide(bu(1, 1000), null, 0);
        assertEquals(Decision.Verdict.REGISTER_NEW, d.verdict());
        assertEquals(BINDING_UPDATE_ACCEPTED, d.status());
        assertEquals(260, d.lifetimeSeconds()); // 262 rounded down to 4-second units
        assertEquals(1, d.sequence());
    }

    @Test
    void refreshWithGreaterSequenceUpdates() {
        Decision d = registrar().decide(bu(8, 10), existing(7), 1);
        assertEquals(Decision.Verdict.UPDATE, d.verdict());
        assertEquals(40, d.lifetimeSeconds());
    }

    @Test
    void staleSequenceNumberGetsStatus135CarryingTheLastAccepted() {
        Decision d = registrar().decide(bu(7, 10), existing(7), 1);
        assertEquals(Decision.Verdict.REJECT, d.verdict());
        assertEquals(SEQUENCE_NUMBER_OUT_OF_WINDOW, d.status());
        assertEquals(7, d.sequence());
        assertEquals(SEQUENCE_NUMBER_OUT_OF_WINDOW, registrar().decide(bu(7 - 100, 10), existing(7), 1).status());
    }

    @Test
    void sequenceNumbersWrapModulo65536() {
        assertEquals(Decision.Verdict.UPDATE, registrar().decide(bu(2, 10), existing(65530), 1).verdict());
        assertEquals(Decision.Verdict.REJECT, registrar().decide(bu(65530, 10), existing(2), 1).verdict());
        assertEquals(Decision.Verdict.REJECT,
                registrar().decide(bu((7 + 0x8000) & 0xffff, 10), existing(7), 1).verdict());
    }

    @Test
    void foreignHomeAddressGetsStatus132() {
        BindingRequest r = new BindingRequest(Ipv6Address.parse("2001:db8:9::1"), COA, 1, 10, true, true, false,
                false, false, List.of(), false);
        assertEquals(NOT_HOME_SUBNET, registrar().decide(r, null, 0).status());
    }

    @Test
    void lifetimeZeroOrCareOfEqualToHomeDeregisters() {
        assertEquals(Decision.Verdict.DEREGISTER, registrar().decide(bu(9, 0), existing(8), 1).verdict());
        BindingRequest home = new BindingRequest(HOA, HOA, 9, 10, true, true, false, false, false, List.of(), false);
        Decision d = registrar().decide(home, existing(8), 1);
        assertEquals(Decision.Verdict.DEREGISTER, d.verdict());
        assertEquals(0, d.lifetimeSeconds());
    }

    @Test
    void lifetimeIsClampedToTheHomePrefixValidLifetime() {
        prefixLifetime = 30;
        assertEquals(28, registrar().decide(bu(1, 100), null, 0).lifetimeSeconds());
        prefixLifetime = 2;
        Decision d = registrar().decide(bu(1, 100), null, 0);
        assertEquals(ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY, d.status());
    }

    @Test
    void unprotectedBindingUpdateIsDroppedWhenIpsecIsRequired() {
        policy = new HomeRegistrar.Policy(List.of(HOME), 262, 10, true, false);
        Decision d = registrar().decide(bu(1, 10), null, 0);
        assertEquals(Decision.Verdict.DROP, d.verdict());
        assertEquals("bu.drop.not_protected", d.dropReason());
    }

    @Test
    void nonUnicastAddressesAreDroppedSilently() {
        BindingRequest mcast = new BindingRequest(HOA, Ipv6Address.parse("ff02::1"), 1, 10, true, true, false, false,
                false, List.of(), false);
        assertEquals(Decision.Verdict.DROP, registrar().decide(mcast, null, 0).verdict());
        BindingRequest ll = new BindingRequest(Ipv6Address.parse("fe80::1"), COA, 1, 10, true, true, false, false,
                false, List.of(), false);
        assertEquals(Decision.Verdict.DROP, registrar().decide(ll, null, 0).verdict());
    }

    @Test
    void correspondentRegistrationOverAHomeBindingGetsStatus139() {
        BindingRequest noH = new BindingRequest(HOA, COA, 9, 10, true, false, false, false, false, List.of(), false);
        assertEquals(REGISTRATION_TYPE_CHANGE_DISALLOWED, registrar().decide(noH, existing(8), 1).status());
        assertEquals(Decision.Verdict.DROP, registrar().decide(noH, null, 0).verdict());
    }

    @Test
    void fullCacheRefusesNewBindingsWithStatus130ButStillRefreshes() {
        assertEquals(INSUFFICIENT_RESOURCES, registrar().decide(bu(1, 10), null, 10).status());
        assertEquals(Decision.Verdict.UPDATE, registrar().decide(bu(9, 10), existing(8), 10).verdict());
    }

    @Test
    void mobileRouterNeedsPermissionAndPrefixesOutsideTheHomePrefix() {
        BindingRequest mr = new BindingRequest(HOA, COA, 1, 10, true, true, false, false, true,
                List.of(Ipv6Prefix.parse("2001:db8:100::/48")), false);
        assertEquals(MOBILE_ROUTER_OPERATION_NOT_PERMITTED, registrar().decide(mr, null, 0).status());
        policy = new HomeRegistrar.Policy(List.of(HOME), 262, 10, false, true);
        assertEquals(Decision.Verdict.REGISTER_NEW, registrar().decide(mr, null, 0).verdict());
        BindingRequest overlapping = new BindingRequest(HOA, COA, 1, 10, true, true, false, false, true,
                List.of(Ipv6Prefix.parse("2001:db8:1:0:8000::/65")), false);
        assertEquals(INVALID_PREFIX, registrar().decide(overlapping, null, 0).status());
    }
}
