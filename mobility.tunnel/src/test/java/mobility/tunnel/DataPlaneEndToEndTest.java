package mobility.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelFeature;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.LinuxEbpf;
import mobility.netlink.socket.Netns;
import mobility.netlink.socket.RawSocketsComponent;
import mobility.netlink.socket.TunDevicesComponent;

/**
 * Each provider between a correspondent, a home-agent-like and a mobile-node-like namespace (kernel.md's topology):
 * ping and a TCP stream both ways, a provider swap under a running stream, Packet Too Big for a packet too big for
 * the tunnel, foreign tunnelled packets dropped, and the kernel state before and after compared.
 */
class DataPlaneEndToEndTest {

    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2::c");
    private static final Ipv6Address HA_CN_SIDE = Ipv6Address.parse("2001:db8:2::a");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:1::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");

    private static KernelCapabilities capabilities;
    private static Netns cn;
    private static Netns ha;
    private static Netns mn;
    private NetlinkKernelDriver haDriver;
    private NetlinkKernelDriver mnDriver;
    private Node haNode;
    private Node mnNode;

    /** One namespace's data plane and its ip6tnl provider. */
    private record Node(TunnelSwitch plane, Ip6tnlProvider ip6tnl) {
        static Node of(NetlinkKernelDriver driver) {
            Ip6tnlProvider ip6tnl = new Ip6tnlProvider(driver);
            TunnelSwitch plane = Providers.dataPlane(driver, ip6tnl);
            return new Node(plane, ip6tnl);
        }

        void close() {
            plane.closeAll();
        }
    }

    @BeforeAll
    static void topology() {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        capabilities = KernelFeatures.capabilities();
        cn = Netns.create("cn");
        ha = Netns.create("ha");
        mn = Netns.create("mn");
        Netns.link(cn, "t7c", CN.toString(), ha, "t7ac", HA_CN_SIDE.toString());
        Netns.link(ha, "t7a", HA.toString(), mn, "t7b", COA.toString());
        cn.exec("ip -6 route add default via " + HA_CN_SIDE);
        mn.exec("ip -6 addr add " + HOA + "/128 dev lo");
        mn.exec("ip -6 route add default via " + HA);
        ha.exec("sysctl -qw net.ipv6.conf.all.forwarding=1");
        for (Netns ns : new Netns[] {cn, ha, mn}) {
            waitForAddresses(ns);
        }
    }

    /** Link-local addresses appear after DAD; the state compared before and after must not race them. */
    private static void waitForAddresses(Netns ns) {
        for (int i = 0; i < 100 && !ns.exec("ip -6 addr show tentative").isBlank(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @AfterAll
    static void remove() {
        for (Netns ns : new Netns[] {cn, ha, mn}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    @BeforeEach
    void drivers() {
        haDriver = NetlinkKernelDriver.open(ha.namespace(), () -> capabilities);
        mnDriver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities);
        haNode = Node.of(haDriver);
        mnNode = Node.of(mnDriver);
    }

    @AfterEach
    void closeDrivers() {
        if (haNode != null) {
            haNode.close();
            mnNode.close();
        }
        if (haDriver != null) {
            haDriver.close();
            mnDriver.close();
        }
    }

    private static TunnelSpec homeAgentSide() {
        return new TunnelSpec(HA, COA, 0, List.of(Ipv6Prefix.host(HOA)), null, List.of(Ipv6Prefix.host(HOA)));
    }

    private static TunnelSpec mobileNodeSide() {
        return new TunnelSpec(COA, HA, 0, List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(HOA),
                List.of(Ipv6Prefix.DEFAULT));
    }

    private static String ping(Netns from, String options, Ipv6Address to) {
        try {
            return Netns.run(("ip netns exec " + from.name + " ping -n -c 2 -i 0.2 -W 2 " + options + " " + to)
                    .replace("  ", " ").split(" "));
        } catch (IllegalStateException failed) {
            return "FAILED " + failed.getMessage();
        }
    }

    private static void assertPings(Netns from, String options, Ipv6Address to) {
        String out = ping(from, options, to);
        assertTrue(out.contains(" 0% packet loss"), from.name + " -> " + to + ": " + out + debug());
    }

    private static String debug() {
        return "\nHA " + ha.exec("ip -6 rule") + ha.exec("ip -6 route show table all") + "\nMN " + mn.exec("ip -6 rule")
                + mn.exec("ip -6 route show table all") + ha.exec("ip sr tunsrc show") + mn.exec("ip sr tunsrc show");
    }

    /** The kernel state a clean-up must restore: links, routes, rules, nftables and the seg6 tunnel source. */
    private static String state(Netns ns) {
        return String.join("\n", ns.exec("ip -j link show"), ns.exec("ip -j -6 route show table all"),
                ns.exec("ip -j -6 rule show"), ns.exec("nft list ruleset"), ns.exec("ip sr tunsrc show"))
                .replaceAll("\"(tx|rx)_?[a-z_]*\":\\d+,?", "");
    }

    @Tag(KernelFeatures.GUEST)
    @ParameterizedTest
    @ValueSource(strings = {"seg6", "tun"})
    void providerCarriesPingAndTcpBothWaysAndCleansUp(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        carriesPingAndTcpBothWaysAndCleansUp(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void bpfCarriesPingAndTcpBothWaysAndCleansUp() throws Exception {
        Providers.assumeKernelHas(BpfProvider.NAME);
        carriesPingAndTcpBothWaysAndCleansUp(BpfProvider.NAME);
    }

    /** RFC 2473 in the kernel: where the kernel has ip6tnl (the qemu guest) the same traffic crosses it. */
    @Test
    @Tag(KernelFeatures.GUEST)
    void ip6tnlCarriesPingAndTcpBothWaysAndCleansUp() throws Exception {
        KernelFeatures.assumePresent(KernelFeature.IP6TNL);
        carriesPingAndTcpBothWaysAndCleansUp(Ip6tnlProvider.NAME);
    }

    @Test
    @Tag(KernelFeatures.GUEST)
    void ip6tnlIsChosenFirstWhereTheKernelHasIt() throws Exception {
        KernelFeatures.assumePresent(KernelFeature.IP6TNL);
        assertTrue(haNode.ip6tnl.availability().available(), haNode.ip6tnl.availability().reason());
        Tunnel t = haNode.plane.open(homeAgentSide());
        assertEquals(Ip6tnlProvider.NAME, haNode.plane.provider(), "preference 300 beats seg6 and tun");
        t.close();
    }

    @Test
    @Tag(KernelFeatures.GUEST)
    void aMoveToANewCareOfAddressUpdatesTheIp6tnlTunnelsInPlace() throws Exception {
        KernelFeatures.assumePresent(KernelFeature.IP6TNL);
        aMoveToANewCareOfAddressUpdatesTheTunnelsInPlace(Ip6tnlProvider.NAME);
    }

    private void carriesPingAndTcpBothWaysAndCleansUp(String provider) throws Exception {
        String haBefore = state(ha);
        String mnBefore = state(mn);
        haNode.plane.configure(provider);
        mnNode.plane.configure(provider);
        Tunnel haTunnel = haNode.plane.open(homeAgentSide());
        Tunnel mnTunnel = mnNode.plane.open(mobileNodeSide());
        assertEquals(provider, haNode.plane.provider());

        assertPings(cn, "", HOA);
        assertPings(mn, "-I " + HOA, CN);
        assertPings(ha, "", HOA);
        assertPings(mn, "-I " + HOA, HA);
        try (TcpStream down = new TcpStream(mn.namespace(), HOA, cn.namespace(), CN, 5001);
                TcpStream up = new TcpStream(cn.namespace(), CN, mn.namespace(), HOA, 5002)) {
            assertTrue(down.advances(4 << 20, 10_000), "CN -> HoA stream: " + down.failure());
            assertTrue(up.advances(4 << 20, 10_000), "HoA -> CN stream: " + up.failure());
            assertNull(down.failure());
            assertNull(up.failure());
        }
        if (provider.equals(Ip6tnlProvider.NAME)) {
            // The kernel counts on the tunnel link itself: iproute2's view of the home agent's ip6tnl link.
            String stats = ha.exec("ip -s -j link show mip6t0");
            for (String direction : List.of("rx", "tx")) {
                var m = java.util.regex.Pattern.compile("\"" + direction + "\":\\{\"bytes\":\\d+,\"packets\":(\\d+)")
                        .matcher(stats);
                assertTrue(m.find() && Long.parseLong(m.group(1)) >= 8, direction + " packets on mip6t0: " + stats);
            }
        } else {
            Map<String, Long> counters = haTunnel.counters();
            assertTrue(counters.getOrDefault("encapsulated", 0L) > 0, counters.toString());
            assertTrue(counters.getOrDefault("decapsulated", 0L) > 0, counters.toString());
        }

        haTunnel.close();
        mnTunnel.close();
        assertEquals(haBefore, state(ha), "the home agent's kernel state is as before");
        assertEquals(mnBefore, state(mn), "the mobile node's kernel state is as before");
    }

    @Tag(KernelFeatures.GUEST)
    @Test
    void tcpStreamSurvivesProviderSwapsAtBothEnds() throws Exception {
        Providers.assumeKernelHas("seg6");
        streamSurvivesSwaps("seg6", "tun", 5003);
    }

    /** The same between the user-space tunnel and the eBPF one, which this kernel has both of. */
    @Test
    void tcpStreamSurvivesSwapsBetweenTunAndBpf() throws Exception {
        Providers.assumeKernelHas("bpf");
        streamSurvivesSwaps("tun", "bpf", 5004);
    }

    /** A TCP stream on {@code first} while the home agent, then the mobile node, move to {@code second} and back. */
    private void streamSurvivesSwaps(String first, String second, int port) throws Exception {
        haNode.plane.configure(first);
        mnNode.plane.configure(first);
        Tunnel haTunnel = haNode.plane.open(homeAgentSide());
        mnNode.plane.open(mobileNodeSide());
        try (TcpStream stream = new TcpStream(mn.namespace(), HOA, cn.namespace(), CN, port)) {
            assertTrue(stream.advances(2 << 20, 10_000), "stream before the swap: " + stream.failure());
            haNode.plane.switchTo(second);
            assertTrue(stream.advances(2 << 20, 10_000),
                    "after the home agent moved to " + second + ": " + stream.failure());
            mnNode.plane.switchTo(second);
            assertTrue(stream.advances(2 << 20, 10_000),
                    "after the mobile node moved to " + second + ": " + stream.failure());
            haNode.plane.switchTo(first);
            mnNode.plane.switchTo(first);
            assertTrue(stream.advances(2 << 20, 10_000), "back on " + first + ": " + stream.failure());
            assertNull(stream.failure());
        }
        assertEquals(first, haNode.plane.provider());
        assertEquals(List.of(haTunnel), haNode.plane.tunnels(), "the role's handle survived the swaps");
    }

    @Tag(KernelFeatures.GUEST)
    @ParameterizedTest
    @ValueSource(strings = {"seg6", "tun"})
    void aMoveToANewCareOfAddressUpdatesTheTunnelsInPlace(String provider) throws Exception {
        aMoveToANewCareOfAddress(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void aMoveToANewCareOfAddressUpdatesTheBpfTunnelsInPlace() throws Exception {
        aMoveToANewCareOfAddress(BpfProvider.NAME);
    }

    private void aMoveToANewCareOfAddress(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        Ipv6Address newCareOf = Ipv6Address.parse("2001:db8:1::3");
        haNode.plane.configure(provider);
        mnNode.plane.configure(provider);
        Tunnel haTunnel = haNode.plane.open(homeAgentSide());
        Tunnel mnTunnel = mnNode.plane.open(mobileNodeSide());
        assertPings(cn, "", HOA);
        mn.exec("ip -6 addr add " + newCareOf + "/64 dev t7b nodad");
        try {
            haTunnel.update(haTunnel.spec().withRemote(newCareOf));
            mnTunnel.update(mnTunnel.spec().withLocal(newCareOf, 0));
            mn.exec("ip -6 addr del " + COA + "/64 dev t7b");
            assertPings(cn, "", HOA);
            assertPings(mn, "-I " + HOA, CN);
            assertEquals(newCareOf, haNode.plane.tunnels().get(0).spec().remote());
        } finally {
            haTunnel.close();
            mnTunnel.close();
            mn.exec("ip -6 addr add " + COA + "/64 dev t7b nodad");
            mn.exec("ip -6 addr del " + newCareOf + "/64 dev t7b");
            mn.exec("ip -6 route replace default via " + HA);
        }
    }

    @Tag(KernelFeatures.GUEST)
    @ParameterizedTest
    @ValueSource(strings = {"seg6", "tun"})
    void twoHomeAddressesBehindOneCareOfAddressHaveATunnelEach(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        twoHomeAddressesBehindOneCareOfAddress(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void twoHomeAddressesBehindOneCareOfAddressHaveABpfTunnelEach() throws Exception {
        Providers.assumeKernelHas(BpfProvider.NAME);
        twoHomeAddressesBehindOneCareOfAddress(BpfProvider.NAME);
    }

    @Test
    @Tag(KernelFeatures.GUEST)
    void twoHomeAddressesBehindOneCareOfAddressShareOneIp6tnlLink() throws Exception {
        KernelFeatures.assumePresent(KernelFeature.IP6TNL);
        twoHomeAddressesBehindOneCareOfAddress(Ip6tnlProvider.NAME);
    }

    /**
     * Two bindings with the same end points (RFC 6275 §11.3.1 lets a mobile node register several home addresses
     * from one care-of address): the kernel keeps a single ip6tnl link per pair of end points, so the second
     * tunnel uses the first one's, and closing one leaves the other working.
     */
    private void twoHomeAddressesBehindOneCareOfAddress(String provider) throws Exception {
        Ipv6Address secondHome = Ipv6Address.parse("2001:db8:100::2");
        String haBefore = state(ha);
        mn.exec("ip -6 addr add " + secondHome + "/128 dev lo");
        String mnBefore = state(mn);
        try {
            haNode.plane.configure(provider);
            mnNode.plane.configure(provider);
            Tunnel haFirst = haNode.plane.open(homeAgentSide());
            Tunnel mnFirst = mnNode.plane.open(mobileNodeSide());
            Tunnel haSecond = haNode.plane.open(new TunnelSpec(HA, COA, 0, List.of(Ipv6Prefix.host(secondHome)),
                    null, List.of(Ipv6Prefix.host(secondHome))));
            Tunnel mnSecond = mnNode.plane.open(new TunnelSpec(COA, HA, 0, List.of(Ipv6Prefix.DEFAULT),
                    Ipv6Prefix.host(secondHome), List.of(Ipv6Prefix.DEFAULT)));
            assertPings(cn, "", HOA);
            assertPings(cn, "", secondHome);
            assertPings(mn, "-I " + secondHome, CN);
            if (provider.equals(Ip6tnlProvider.NAME)) {
                assertEquals(1L, haNode.ip6tnl.counters().get("links"), haNode.ip6tnl.counters().toString());
                assertEquals(1L, mnNode.ip6tnl.counters().get("links"), mnNode.ip6tnl.counters().toString());
            }
            haFirst.close();
            mnFirst.close();
            assertPings(cn, "", secondHome);
            assertPings(mn, "-I " + secondHome, CN);
            haSecond.close();
            mnSecond.close();
            assertEquals(haBefore, state(ha), "the home agent's kernel state is as before");
            assertEquals(mnBefore, state(mn), "the mobile node's kernel state is as before");
        } finally {
            mn.exec("ip -6 addr del " + secondHome + "/128 dev lo");
        }
    }

    @Tag(KernelFeatures.GUEST)
    @ParameterizedTest
    @ValueSource(strings = {"seg6", "tun"})
    void packetTooBigForTheTunnelReachesTheSender(String provider) throws Exception {
        packetTooBigForTheTunnel(provider);
    }

    /** The eBPF tunnel needs TCX (Linux 6.6), which Debian's 6.1 kernel of the guest lane lacks: no guest tag. */
    @Test
    void packetTooBigForTheBpfTunnelReachesTheSender() throws Exception {
        packetTooBigForTheTunnel(BpfProvider.NAME);
    }

    private void packetTooBigForTheTunnel(String provider) throws Exception {
        Providers.assumeKernelHas(provider);
        haNode.plane.configure(provider);
        mnNode.plane.configure(provider);
        haNode.plane.open(homeAgentSide());
        mnNode.plane.open(mobileNodeSide());
        cn.exec("ip -6 route flush cache");
        String big = ping(cn, "-s 1452 -M do", HOA);
        assertTrue(big.contains("Packet too big") || big.contains("mtu=1460") || big.contains("mtu: 1460"),
                "a 1500-byte packet gets Packet Too Big with the tunnel MTU: " + big);
        assertPings(cn, "-s 1400 -M do", HOA);
        cn.exec("ip -6 route flush cache");
    }

    /**
     * seg6 delivers to the node's own addresses through a local route per address that it keeps in main. Replacing
     * an address on lo (new lifetimes) makes the kernel drop that route while it reports only a new address: the
     * provider must see the kernel's table, not its memory, and put the route back.
     */
    @Test
    @Tag(KernelFeatures.GUEST)
    void seg6PutsBackTheLocalRouteTheKernelDroppedWhenAnAddressWasReplaced() throws Exception {
        Providers.assumeKernelHas("seg6");
        haNode.plane.configure("seg6");
        mnNode.plane.configure("seg6");
        haNode.plane.open(homeAgentSide());
        mnNode.plane.open(mobileNodeSide());
        assertTrue(mirrored(mn, HOA), "mirrored at open: " + mn.exec("ip -6 route show table all"));
        try {
            mn.exec("ip -6 addr replace " + HOA + "/128 dev lo preferred_lft 100 valid_lft 200");
            boolean back = false;
            for (int i = 0; i < 30 && !back; i++) {
                Thread.sleep(100);
                back = mirrored(mn, HOA);
            }
            assertTrue(back, "the local route is back after the replace: " + mn.exec("ip -6 route show table all"));
            assertPings(ha, "", HOA);
        } finally {
            mn.exec("ip -6 addr replace " + HOA + "/128 dev lo preferred_lft forever valid_lft forever");
        }
    }

    /** Whether main has the seg6 provider's local route for {@code address} (ip prints main's without "table"). */
    private static boolean mirrored(Netns ns, Ipv6Address address) {
        return ns.exec("ip -6 route show table all").lines().anyMatch(l -> l.startsWith("local " + address + " dev lo ")
                && !l.contains(" table ") && l.contains(" metric 1 "));
    }

    /**
     * With an egress device (a kernel that forwards from one device alone) the user-space tunnel's TCP crosses the
     * link as the kernel's own tunnels do: joined packets of up to 64 KiB, not one per segment. The stream checks
     * every byte, so the joined packets are also right.
     */
    @Test
    void tunTcpCrossesTheLinkInJoinedPacketsLargerThanItsMtu() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/sys/net/ipv6/conf/all/force_forwarding")),
                "a kernel before 6.17 has no force_forwarding: the raw socket sends, one packet per segment");
        haNode.plane.configure("tun");
        mnNode.plane.configure("tun");
        Tunnel haTunnel = haNode.plane.open(homeAgentSide());
        mnNode.plane.open(mobileNodeSide());
        assertEquals(1L, haTunnel.counters().get("egress.coalesced"), haTunnel.counters().toString());
        long[] before = transmitted(ha, "t7a");
        try (TcpStream down = new TcpStream(mn.namespace(), HOA, cn.namespace(), CN, 5004)) {
            assertTrue(down.advances(32 << 20, 20_000), "CN -> HoA stream: " + down.failure());
            assertNull(down.failure());
        }
        long[] after = transmitted(ha, "t7a");
        long packets = after[0] - before[0];
        long bytes = after[1] - before[1];
        assertTrue(bytes > 32 << 20, "the stream went through t7a: " + bytes + " bytes");
        // One segment per packet makes 1514 bytes at most with the Ethernet header (1513 measured with joining off),
        // so an average above that is only possible with joined packets. How many segments GRO joins depends on the
        // scheduling of its NAPI thread (15 KB, 3.3 KB and 1.9 KB averages seen in different runs), so the test
        // asserts that joining happened, not how much.
        assertTrue(bytes / packets > 1514, "on average " + bytes / packets + " bytes per packet on a 1500-byte link ("
                + packets + " packets): the segments were not joined");
    }

    /**
     * Configured not to join in the kernel (or on a kernel before 6.17) the TUN provider sends every packet through
     * its raw socket, one per segment, with checksums it computes itself: the streams check every byte both ways.
     */
    @Test
    void tunWithoutJoiningInTheKernelSendsEverySegmentThroughTheRawSocket() throws Exception {
        String haBefore = state(ha);
        String mnBefore = state(mn);
        TunProvider haTun = new TunProvider(ha.namespace(), haDriver, new TunDevicesComponent(),
                new RawSocketsComponent(), false);
        TunProvider mnTun = new TunProvider(mn.namespace(), mnDriver, new TunDevicesComponent(),
                new RawSocketsComponent(), false);
        try {
            Tunnel haTunnel = haTun.open(homeAgentSide());
            mnTun.open(mobileNodeSide());
            assertEquals(1L, haTunnel.counters().get("egress.raw_socket"), haTunnel.counters().toString());
            assertNull(haTunnel.counters().get("egress.coalesced"), haTunnel.counters().toString());
            assertPings(cn, "", HOA);
            assertPings(mn, "-I " + HOA, CN);
            long[] before = transmitted(ha, "t7a");
            try (TcpStream down = new TcpStream(mn.namespace(), HOA, cn.namespace(), CN, 5005);
                    TcpStream up = new TcpStream(cn.namespace(), CN, mn.namespace(), HOA, 5006)) {
                assertTrue(down.advances(4 << 20, 10_000), "CN -> HoA stream: " + down.failure());
                assertTrue(up.advances(4 << 20, 10_000), "HoA -> CN stream: " + up.failure());
                assertNull(down.failure());
                assertNull(up.failure());
            }
            long[] after = transmitted(ha, "t7a");
            assertTrue((after[1] - before[1]) / (after[0] - before[0]) <= 1514, "one segment per packet");
        } finally {
            haTun.close();
            mnTun.close();
        }
        assertEquals(haBefore, state(ha), "the home agent's kernel state is as before");
        assertEquals(mnBefore, state(mn), "the mobile node's kernel state is as before");
    }

    /**
     * The egress device is only written to, so whatever the kernel sends out of it of its own accord would stay
     * unread in its queue and, once that is full, be counted as TX drops. Measured on Linux 6.18: from an up device's
     * link-local address Router Solicitations, and on a router MLDv2 reports for the all-routers groups it joins
     * (from ::, RFC 3810 §5.2.13). The device has no link-local address, so no solicitation; the reports cannot be
     * switched off, so the provider drains them. A capture of what the kernel sent out of the device, taken from
     * before the device exists until after the traffic, must equal what was read from it (the device's TX counters
     * count what a reader took) and what the provider counted as drained; nothing dropped.
     */
    @Test
    void tunEgressDeviceLeavesNothingTheKernelSentUnread() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/sys/net/ipv6/conf/all/force_forwarding")),
                "a kernel before 6.17 has no force_forwarding: there is no egress device");
        Path captured = Files.createTempFile("egress", ".txt");
        Process capture = new ProcessBuilder("ip", "netns", "exec", ha.name, "tcpdump", "-i", "any", "-Q", "out",
                "-n", "-l").redirectOutput(captured.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> sent;
        Tunnel haTunnel;
        try {
            Thread.sleep(500);
            haNode.plane.configure("tun");
            mnNode.plane.configure("tun");
            haTunnel = haNode.plane.open(homeAgentSide());
            mnNode.plane.open(mobileNodeSide());
            assertEquals(1L, haTunnel.counters().get("egress.coalesced"), haTunnel.counters().toString());
            assertPings(cn, "", HOA);
            try (TcpStream down = new TcpStream(mn.namespace(), HOA, cn.namespace(), CN, 5007)) {
                assertTrue(down.advances(4 << 20, 10_000), "CN -> HoA stream: " + down.failure());
            }
            // Longer than the kernel waits before its first solicitation and than one drain interval.
            Thread.sleep(3000);
        } finally {
            capture.destroy();
            capture.waitFor();
        }
        try {
            sent = Files.readAllLines(captured).stream()
                    .filter(l -> l.contains(" " + TunProvider.EGRESS + " ") && l.contains(" Out ")).toList();
        } finally {
            Files.delete(captured);
        }
        assertEquals("", ha.exec("ip -6 addr show dev " + TunProvider.EGRESS).trim(), "no address on the device");
        assertTrue(sent.stream().noneMatch(l -> l.contains("router solicitation")), sent.toString());
        String[] tx = ha.exec("cat /sys/class/net/" + TunProvider.EGRESS + "/statistics/tx_packets /sys/class/net/"
                + TunProvider.EGRESS + "/statistics/tx_dropped").trim().split("\\s+");
        assertEquals(sent.size(), Integer.parseInt(tx[0]), "everything the kernel sent out of the device was read: "
                + sent);
        assertEquals("0", tx[1], "TX drops on " + TunProvider.EGRESS);
        assertEquals((long) sent.size(), haTunnel.counters().get("egress.drained"), haTunnel.counters().toString());
    }

    /** Packets and bytes a link sent (ip -s: its counters count a joined packet once, with all its bytes). */
    private static long[] transmitted(Netns ns, String link) {
        String[] tx = ns.exec("cat /sys/class/net/" + link + "/statistics/tx_packets /sys/class/net/" + link
                + "/statistics/tx_bytes").trim().split("\\s+");
        return new long[] {Long.parseLong(tx[0]), Long.parseLong(tx[1])};
    }

    @Test
    @Tag(KernelFeatures.GUEST)
    void tunnelledPacketsFromAnyoneButThePeerAreDroppedAndCounted() throws Exception {
        for (String provider : List.of("seg6", "tun", "bpf")) {
            if (!Providers.kernelHas(provider)) {
                continue; // seg6 on a kernel without it: the guest lane runs this test too
            }
            mnNode.plane.configure(provider);
            Tunnel t = mnNode.plane.open(mobileNodeSide());
            int problemsBefore = parameterProblems(mn);
            // A well-formed 41-in-6 packet to the care-of address, but from the correspondent, not the home agent.
            Netns.run("ip", "netns", "exec", cn.name, "python3", "-c", """
                    import socket
                    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 41)
                    inner = bytes.fromhex('6000000000083a40' + '20010db800020000000000000000000c'
                        + '20010db8010000000000000000000001' + '8000000000000000')
                    for _ in range(3):
                        s.sendto(inner, ('%s', 0))
                    """.formatted(COA));
            long dropped = 0;
            for (int i = 0; i < 20 && dropped < 3; i++) {
                Thread.sleep(100);
                dropped = t.counters().getOrDefault("dropped.unknown_peer", 0L);
            }
            assertEquals(3, dropped, provider + ": " + t.counters());
            assertEquals(problemsBefore, parameterProblems(mn), provider + ": no Parameter Problem answers them");
            t.close();
        }
    }

    private static int parameterProblems(Netns ns) {
        return ns.exec("nstat -az Icmp6OutParmProblems").lines().filter(l -> l.startsWith("Icmp6OutParmProblems"))
                .mapToInt(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst().orElseThrow();
    }

    /** Debian's 6.1 kernel (the guest lane) has lwtunnel BPF but no TCX: the eBPF tunnel says so and is not used. */
    @Test
    @Tag(KernelFeatures.GUEST)
    void bpfIsUnavailableWithoutTcxAndSaysWhy() throws Exception {
        KernelFeatures.assumeAbsent(KernelFeature.TCX);
        BpfProvider bpf = new BpfProvider(ha.namespace(), haDriver, new LinuxEbpf(), new RawSocketsComponent());
        TunnelProvider.Availability a = bpf.availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains("TCX"), a.reason());
        TunnelException e = assertThrows(TunnelException.class, () -> bpf.open(homeAgentSide()));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
    }

    @Test
    void ip6tnlIsUnavailableHereAndTheDataPlaneSaysWhyItUsesAnother() throws Exception {
        KernelFeatures.assumeAbsent(KernelFeature.IP6TNL);
        TunnelProvider.Availability a = haNode.ip6tnl.availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains("no ip6tnl"), a.reason());
        TunnelException e = assertThrows(TunnelException.class, () -> haNode.ip6tnl.open(homeAgentSide()));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        haNode.plane.configure("ip6tnl");
        Tunnel t = haNode.plane.open(homeAgentSide());
        String best = Providers.kernelHas(Seg6Provider.NAME) ? Seg6Provider.NAME
                : Providers.kernelHas(BpfProvider.NAME) ? BpfProvider.NAME : TunProvider.NAME;
        assertEquals(best, haNode.plane.provider(), "the best available provider instead");
        String why = haNode.plane.describe().get("reason").toString();
        assertTrue(why.contains("ip6tnl is unavailable"), why);
        assertThrows(TunnelException.class, () -> haNode.plane.switchTo("ip6tnl"));
        t.close();
    }
}
