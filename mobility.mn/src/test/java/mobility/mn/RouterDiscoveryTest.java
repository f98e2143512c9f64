package mobility.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.icmp.LinkLayerAddressOption;

class RouterDiscoveryTest {

    static final int ETH0 = 2;
    static final int ETH1 = 3;
    static final byte[] MAC = {2, 0, 0, 0, 0, 9};
    static final Address LINK_LOCAL = Address.of(ETH0, Ipv6Prefix.parse("fe80::9/64"));
    static final Address GLOBAL = Address.of(ETH0, Ipv6Prefix.parse("2001:db8:2::9/64"));

    @Test
    void solicitsFromTheLinkLocalAddressWithTheSourceLinkLayerAddressOption() {
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(GLOBAL, LINK_LOCAL), MAC);
        assertEquals(Ipv6Address.parse("fe80::9"), s.source());
        assertEquals(1, s.options().size());
        LinkLayerAddressOption o = assertInstanceOf(LinkLayerAddressOption.class, s.options().get(0));
        assertEquals(LinkLayerAddressOption.SOURCE_LINK_LAYER_ADDRESS, o.type());
        assertEquals("02:00:00:00:00:09", o.addressText());
    }

    @Test
    void solicitsFromTheUnspecifiedAddressWithoutOptionsWhileTheLinkLocalAddressIsTentative() {
        Address tentative = LINK_LOCAL.withFlags(AddressFlag.TENTATIVE);
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(tentative), MAC);
        assertEquals(Ipv6Address.UNSPECIFIED, s.source());
        assertEquals(List.of(), s.options());
    }

    @Test
    void anOptimisticLinkLocalAddressIsTheSourceButWithoutTheOption() {
        Address optimistic = LINK_LOCAL.withFlags(AddressFlag.TENTATIVE, AddressFlag.OPTIMISTIC);
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(optimistic), MAC);
        assertEquals(Ipv6Address.parse("fe80::9"), s.source());
        assertEquals(List.of(), s.options(), "RFC 4429: no Source Link-Layer Address option from an optimistic address");
    }

    @Test
    void aFinishedLinkLocalAddressIsPreferredToAnOptimisticOne() {
        Address optimistic = Address.of(ETH0, Ipv6Prefix.parse("fe80::1/64"))
                .withFlags(AddressFlag.TENTATIVE, AddressFlag.OPTIMISTIC);
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(optimistic, LINK_LOCAL), MAC);
        assertEquals(Ipv6Address.parse("fe80::9"), s.source());
        assertEquals(1, s.options().size());
    }

    @Test
    void addressesOfOtherInterfacesAndFailedOnesAreNeverTheSource() {
        Address elsewhere = Address.of(ETH1, Ipv6Prefix.parse("fe80::7/64"));
        Address failed = LINK_LOCAL.withFlags(AddressFlag.DADFAILED, AddressFlag.TENTATIVE);
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(elsewhere, failed, GLOBAL), MAC);
        assertEquals(Ipv6Address.UNSPECIFIED, s.source());
        assertEquals(List.of(), s.options());
    }

    @Test
    void aLinkWithoutLinkLayerAddressesGetsNoOption() {
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(ETH0, List.of(LINK_LOCAL), new byte[0]);
        assertEquals(Ipv6Address.parse("fe80::9"), s.source());
        assertEquals(List.of(), s.options());
    }
}
