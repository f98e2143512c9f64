package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelSpec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.Netns;

/**
 * A home agent's tunnels opened, moved and closed in batches ({@link TunnelSwitch#apply}): seg6 sends each batch to
 * the kernel together, tun goes one by one; either way every change has its own outcome and the traffic flows.
 */
class DataPlaneBatchTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");
    private static final int OTHERS = 40;

    private Netns ha;
    private Netns mn;
    private NetlinkKernelDriver haDriver;
    private NetlinkKernelDriver mnDriver;
    private TunnelSwitch haPlane;
    private TunnelSwitch mnPlane;

    @BeforeEach
    void topology() {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        var capabilities = CapabilityProber.probe();
        ha = Netns.create("ha");
        mn = Netns.create("mn");
        Netns.link(ha, "t8a", HA.toString(), mn, "t8b", COA.toString());
        mn.exec("ip -6 addr add " + HOA + "/128 dev lo");
        mn.exec("ip -6 route add default via " + HA);
        haDriver = NetlinkKernelDriver.open(ha.namespace(), () -> capabilities);
        mnDriver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities);
        haPlane = Providers.dataPlane(haDriver);
        mnPlane = Providers.dataPlane(mnDriver);
    }

    @AfterEach
    void remove() {
        for (TunnelSwitch p : new TunnelSwitch[] {haPlane, mnPlane}) {
            if (p != null) {
                p.closeAll();
            }
        }
        for (NetlinkKernelDriver d : new NetlinkKernelDriver[] {haDriver, mnDriver}) {
            if (d != null) {
                d.close();
            }
        }
        for (Netns ns : new Netns[] {ha, mn}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private static TunnelSpec toMobileNode(Ipv6Address hoa, Ipv6Address coa) {
        return new TunnelSpec(HA, coa, 0, List.of(Ipv6Prefix.host(hoa)), null, List.of(Ipv6Prefix.host(hoa)));
    }

    /** Other mobile nodes, each behind a care-of address of its own on the same link. */
    private static TunnelSpec other(int i) {
        return toMobileNode(Ipv6Address.of(0x2001_0db8_0100_0000L, 0x1000 + i),
                Ipv6Address.of(0x2001_0db8_0001_0000L, 0x100 + i));
    }

    private String hostRoutes() {
        return ha.exec("ip -6 route show table all");
    }

    private boolean pings() {
        try {
            String out = Netns.run("ip", "netns", "exec", ha.name, "ping", "-n", "-c", "2", "-i", "0.2", "-W", "2",
                    HOA.toString());
            return out.contains(" 0% packet loss");
        } catch (IllegalStateException failed) {
            return false;
        }
    }

    @ParameterizedTest
    @Tag(KernelFeatures.GUEST)
    @ValueSource(strings = {"seg6", "tun"})
    void tunnelsOpenedMovedAndClosedInBatchesEachWithItsOutcome(String provider) throws Exception {
        batchesEachWithItsOutcome(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void bpfTunnelsOpenedMovedAndClosedInBatchesEachWithItsOutcome() throws Exception {
        batchesEachWithItsOutcome(BpfProvider.NAME);
    }

    private void batchesEachWithItsOutcome(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        haPlane.configure(provider);
        mnPlane.configure(provider);
        mnPlane.open(new TunnelSpec(COA, HA, 0, List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(HOA),
                List.of(Ipv6Prefix.DEFAULT)));
        List<TunnelChange> opens = new ArrayList<>();
        opens.add(TunnelChange.open(toMobileNode(HOA, COA)));
        for (int i = 0; i < OTHERS; i++) {
            opens.add(TunnelChange.open(other(i)));
        }
        boolean kernelRouted = provider.equals("seg6");
        if (kernelRouted) {
            // Nothing routes towards 2001:db9::/32, so seg6 has no link for this one: it fails, alone.
            opens.add(TunnelChange.open(toMobileNode(Ipv6Address.parse("2001:db8:100::ffff"),
                    Ipv6Address.parse("2001:db9::1"))));
        }
        List<TunnelChange.Outcome> opened = haPlane.apply(opens);

        assertEquals(opens.size(), opened.size());
        for (int i = 0; i <= OTHERS; i++) {
            assertTrue(opened.get(i).succeeded(), i + ": " + opened.get(i).failure());
        }
        if (kernelRouted) {
            assertFalse(opened.get(OTHERS + 1).succeeded());
            assertTrue(opened.get(OTHERS + 1).failure().getMessage().contains("2001:db9::1"),
                    opened.get(OTHERS + 1).failure().getMessage());
        }
        assertEquals(OTHERS + 1, haPlane.tunnels().size());
        assertTrue(hostRoutes().contains("2001:db8:100::1027"), hostRoutes());
        assertFalse(hostRoutes().contains("2001:db8:100::ffff"), hostRoutes());
        assertTrue(pings(), "HA -> HoA through the batch-opened tunnel\n" + hostRoutes());

        // Half of the others move to new care-of addresses, the other half close, in one batch.
        List<TunnelChange> changes = new ArrayList<>();
        for (int i = 0; i < OTHERS; i++) {
            Tunnel t = opened.get(1 + i).tunnel();
            changes.add(i % 2 == 0 ? TunnelChange.move(t, t.spec().withRemote(Ipv6Address.of(0x2001_0db8_0001_0000L,
                    0x200 + i))) : TunnelChange.close(t));
        }
        List<TunnelChange.Outcome> changed = haPlane.apply(changes);
        for (TunnelChange.Outcome o : changed) {
            assertTrue(o.succeeded(), String.valueOf(o.failure()));
        }
        assertEquals(1 + OTHERS / 2, haPlane.tunnels().size());
        assertEquals(Ipv6Address.of(0x2001_0db8_0001_0000L, 0x200), changed.get(0).tunnel().spec().remote());
        assertNull(changed.get(1).tunnel());
        assertFalse(hostRoutes().contains("2001:db8:100::1001 "), hostRoutes());
        assertTrue(hostRoutes().contains("2001:db8:100::1000 "), hostRoutes());

        List<TunnelChange> closes = new ArrayList<>();
        for (Tunnel t : haPlane.tunnels()) {
            closes.add(TunnelChange.close(t));
        }
        haPlane.apply(closes).forEach(o -> assertTrue(o.succeeded(), String.valueOf(o.failure())));
        assertEquals(List.of(), haPlane.tunnels());
        assertFalse(hostRoutes().contains("2001:db8:100::"), hostRoutes());
    }

    /**
     * Two home addresses behind one care-of address (RFC 6275 §10.1: each registers on its own) need the same
     * decapsulation rule, and every tunnel of a home agent the same local end: the second open must not fail on the
     * shared objects, and closing it, alone or in a batch, must leave the first tunnel's traffic flowing.
     */
    @ParameterizedTest
    @Tag(KernelFeatures.GUEST)
    @ValueSource(strings = {"seg6", "tun"})
    void aClosedTunnelLeavesWhatOthersShare(String provider) throws Exception {
        closedTunnelLeavesWhatOthersShare(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void aClosedBpfTunnelLeavesWhatOthersShare() throws Exception {
        closedTunnelLeavesWhatOthersShare(BpfProvider.NAME);
    }

    private void closedTunnelLeavesWhatOthersShare(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        haPlane.configure(provider);
        mnPlane.configure(provider);
        mnPlane.open(new TunnelSpec(COA, HA, 0, List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(HOA),
                List.of(Ipv6Prefix.DEFAULT)));
        Ipv6Address sibling = Ipv6Address.parse("2001:db8:100::2");
        haPlane.open(toMobileNode(HOA, COA));
        Tunnel second = haPlane.open(toMobileNode(sibling, COA));
        assertTrue(pings(), "HA -> HoA with a second home address behind the same care-of address\n" + hostRoutes());
        second.close();
        assertTrue(pings(), "HA -> HoA after the other home address's tunnel closed\n" + hostRoutes());

        List<TunnelChange.Outcome> opened = haPlane.apply(List.of(TunnelChange.open(toMobileNode(sibling, COA)),
                TunnelChange.open(other(1))));
        opened.forEach(o -> assertTrue(o.succeeded(), String.valueOf(o.failure())));
        haPlane.apply(List.of(TunnelChange.close(opened.get(0).tunnel()), TunnelChange.close(opened.get(1).tunnel())))
                .forEach(o -> assertTrue(o.succeeded(), String.valueOf(o.failure())));
        assertTrue(pings(), "HA -> HoA after a batch closed two other tunnels\n" + hostRoutes());
    }
}
