package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.TunnelSpec;

class TunnelIndexTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:2700::2");

    private record T(TunnelSpec spec) implements TunnelIndex.Indexed {
        @Override
        public Ipv6Address local() {
            return spec.local();
        }

        @Override
        public Ipv6Address remote() {
            return spec.remote();
        }

        boolean carries(long srcHigh, long srcLow, long dstHigh, long dstLow) {
            boolean to = spec.routed().stream().anyMatch(p -> p.contains(Ipv6Address.of(dstHigh, dstLow)));
            return spec.fromOnly() == null ? to : to && spec.fromOnly().contains(Ipv6Address.of(srcHigh, srcLow));
        }
    }

    private static T homeAgentTunnel(String careOf, String... routed) {
        List<Ipv6Prefix> prefixes = java.util.Arrays.stream(routed).map(Ipv6Prefix::parse).toList();
        return new T(new TunnelSpec(HA, Ipv6Address.parse(careOf), 1, prefixes, null, prefixes));
    }

    private static T find(TunnelIndex<T> index, String source, String destination) {
        Ipv6Address s = Ipv6Address.parse(source);
        Ipv6Address d = Ipv6Address.parse(destination);
        return index.encapsulating(new TunnelIndex.Key(), s.high(), s.low(), d.high(), d.low(), T::carries);
    }

    @Test
    void aHomeAgentsTunnelsAreFoundByTheHomeAddressAndTheirFarEnd() {
        TunnelIndex<T> index = new TunnelIndex<>();
        List<T> tunnels = new java.util.ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            T t = homeAgentTunnel("2001:db8:1100::" + Integer.toHexString(i), "2001:db8:2700::" + Integer.toHexString(i)
                    + "/128");
            tunnels.add(t);
            index.add(t);
        }
        assertSame(tunnels.get(4999), find(index, "2001:db8:2300::c", "2001:db8:2700::1388"));
        assertNull(find(index, "2001:db8:2300::c", "2001:db8:2700::ffff"));
        Ipv6Address far = Ipv6Address.parse("2001:db8:1100::1388");
        assertArrayEquals(new Object[] {tunnels.get(4999)}, index.fromRemote(new TunnelIndex.Key(), far.high(),
                far.low()));
        assertTrue(index.anyForward());
    }

    @Test
    void aMoveAddsTheNewEntryBeforeTheOldGoesAndTheLastTunnelToAFarEndIsSaidSo() {
        TunnelIndex<T> index = new TunnelIndex<>();
        T first = homeAgentTunnel("2001:db8:1100::1", "2001:db8:2700::4/128");
        T second = homeAgentTunnel("2001:db8:1100::1", "2001:db8:2700::5/128");
        index.add(first);
        index.add(second);
        T moved = homeAgentTunnel("2001:db8:1000::1", "2001:db8:2700::4/128");
        index.add(moved);
        assertSame(moved, find(index, "2001:db8:2300::c", "2001:db8:2700::4"));
        assertFalse(index.remove(first), "the second tunnel still goes to the old care-of address");
        assertSame(moved, find(index, "2001:db8:2300::c", "2001:db8:2700::4"), "the moved entry stays");
        assertTrue(index.remove(second), "no tunnel goes to the old care-of address now");
        Ipv6Address old = Ipv6Address.parse("2001:db8:1100::1");
        assertNull(index.fromRemote(new TunnelIndex.Key(), old.high(), old.low()));
    }

    @Test
    void mobileNetworkPrefixesAndReverseTunnelsAreScanned() {
        TunnelIndex<T> index = new TunnelIndex<>();
        T nemo = homeAgentTunnel("2001:db8:1100::1", "2001:db8:2700::4/128", "2001:db8:99::/48");
        T reverse = new T(new TunnelSpec(Ipv6Address.parse("2001:db8:1100::7"), HA, 1, List.of(Ipv6Prefix.DEFAULT),
                Ipv6Prefix.parse("2001:db8:2700::7/128"), List.of(Ipv6Prefix.DEFAULT)));
        index.add(nemo);
        index.add(reverse);
        assertSame(nemo, find(index, "2001:db8:2300::c", "2001:db8:99:1::5"));
        assertSame(reverse, find(index, "2001:db8:2700::7", "2001:db8:2300::c"));
        assertNull(find(index, "2001:db8:2700::8", "2001:db8:2300::c"), "only from the home address");
        index.remove(nemo);
        assertFalse(index.anyForward());
        assertEquals(reverse, find(index, "2001:db8:2700::7", "2001:db8:2300::c"));
    }
}
