package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/** The guard's socket filter for a home agent's many home addresses. */
class PacketTooBigGuardTest {

    private static List<Ipv6Prefix> hosts(int count) {
        List<Ipv6Prefix> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(Ipv6Prefix.host(Ipv6Address.of(0x2001_0db8_0010_0000L, i)));
        }
        return out;
    }

    @Test
    void aFilterForAsManyHomeAddressesAsItHoldsIsAccepted() {
        PacketTooBigGuard.Watch w = new PacketTooBigGuard.Watch(hosts(PacketTooBigGuard.Watch.FILTERED_PREFIXES), 1436);
        assertTrue(w.filteredInKernel());
        PacketTooBigGuard.program(w, 14);
    }

    @Test
    void manyHomeAddressesAreMatchedInUserSpace() {
        PacketTooBigGuard.Watch w = new PacketTooBigGuard.Watch(hosts(10_000), 1436);
        assertFalse(w.filteredInKernel());
        PacketTooBigGuard.program(w, 14);
        assertTrue(w.covers(Ipv6Address.of(0x2001_0db8_0010_0000L, 10_000)));
        assertFalse(w.covers(Ipv6Address.of(0x2001_0db8_0010_0000L, 10_001)));
    }

    /** Where the kernel refuses the prefix filter (ENOMEM: option memory), the filter checks the length alone. */
    @Test
    void aFewHomeAddressesMatchedInUserSpaceGetTheShortFilter() {
        PacketTooBigGuard.Watch w = new PacketTooBigGuard.Watch(hosts(8), 1436).inUserSpace();
        assertFalse(w.filteredInKernel());
        assertTrue(PacketTooBigGuard.program(w, 14).length() < PacketTooBigGuard.program(
                new PacketTooBigGuard.Watch(hosts(8), 1436), 14).length());
        assertTrue(w.covers(Ipv6Address.of(0x2001_0db8_0010_0000L, 8)));
        assertFalse(w.covers(Ipv6Address.of(0x2001_0db8_0010_0000L, 9)));
    }

    @Test
    void aMobileNetworkPrefixCoversItsAddresses() {
        List<Ipv6Prefix> prefixes = hosts(100);
        prefixes.add(Ipv6Prefix.parse("2001:db8:99::/48"));
        PacketTooBigGuard.Watch w = new PacketTooBigGuard.Watch(prefixes, 1436);
        assertTrue(w.covers(Ipv6Address.parse("2001:db8:99:1::5")));
        assertFalse(w.covers(Ipv6Address.parse("2001:db8:98::5")));
    }

    @Test
    void aTunnelWithALoweredPathMtuIsJudgedByItsOwnMtu() {
        Ipv6Prefix narrow = Ipv6Prefix.host(Ipv6Address.parse("2001:db8:100::2"));
        List<Ipv6Prefix> prefixes = hosts(3);
        prefixes.add(narrow);
        PacketTooBigGuard.Watch w = new PacketTooBigGuard.Watch(prefixes, 1460, Map.of(narrow, 1360));
        assertEquals(1360, w.filterMtu(), "the filter lets through what is over the smallest tunnel MTU");
        assertEquals(1360, w.mtuFor(Ipv6Address.parse("2001:db8:100::2")));
        assertEquals(1460, w.mtuFor(Ipv6Address.of(0x2001_0db8_0010_0000L, 1)), "the other tunnels keep theirs");
        assertEquals(1460, new PacketTooBigGuard.Watch(prefixes, 1460).filterMtu());
    }
}
