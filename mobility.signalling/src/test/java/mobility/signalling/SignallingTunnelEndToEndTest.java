package mobility.signalling;

import static mobility.signalling.SignallingNodes.counter;
import static mobility.signalling.SignallingNodes.signalling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.RawSocket;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingPacket.Arrival;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelSpec;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;
import mobility.netlink.socket.LinuxEbpf;
import mobility.netlink.socket.Netns;
import mobility.netlink.socket.RawSocketsComponent;
import mobility.netlink.socket.TunDevicesComponent;
import mobility.tunnel.BpfProviderComponent;
import mobility.tunnel.TunConfiguration;
import mobility.tunnel.TunProviderComponent;

/**
 * RFC 6275 §11.6.2 on the packet-socket path: a Home Test that a home-agent-like namespace tunnels (IPv6-in-IPv6,
 * RFC 2473, outer source the home agent, outer destination the care-of address) to a mobile-node-like namespace,
 * whose real {@code bpf} tunnel to that home agent decapsulates it at TCX ingress. The mobile node's listener gets
 * it once, with the inner packet's fields and {@code Arrival.tunnelled(HA, CoA)}; a plain Home Test arrives
 * {@link Arrival#DIRECT}; one tunnelled by another node (which the bpf classifier drops as an unknown peer after the
 * packet socket saw it) says whom it came from, so §11.6.2's {@code tunnelledFrom(HA)} refuses it. The same with the
 * user-space {@code tun} provider, which writes the inner packet into its TUN device: that second, plain copy is
 * dropped (counted as {@code dropped.tunnel_copy}), so the listener still gets the Home Test once.
 */
class SignallingTunnelEndToEndTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:72::1");
    private static final Ipv6Address STRANGER = Ipv6Address.parse("2001:db8:72::9");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:72::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:7200::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:7300::c");
    private static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();

    private static KernelCapabilities capabilities;
    private static Netns mn;
    private static Netns ha;

    @BeforeAll
    static void namespaces() {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        capabilities = CapabilityProber.probe();
        mn = Netns.create("tmn");
        ha = Netns.create("tha");
        Netns.link(mn, "t8m", COA.toString(), ha, "t8h", HA.toString());
        ha.exec("ip -6 addr add " + STRANGER + "/64 dev t8h nodad");
        ha.exec("ip -6 addr add " + CN + "/128 dev lo");
        ha.exec("ip link set lo up");
        ha.exec("ip -6 route add " + HOA + "/128 via " + COA);
        mn.exec("ip link set lo up");
        mn.exec("ip -6 addr add " + HOA + "/128 dev lo");
    }

    @AfterAll
    static void remove() {
        if (mn != null) {
            mn.close();
        }
        if (ha != null) {
            ha.close();
        }
    }

    private static byte[] homeTest(long cookie) throws Exception {
        byte[] hot = CODEC.encode(new HomeTest(3, cookie, 0x0102030405060708L), CN, HOA);
        return Frames.packet(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, CN, HOA, null, null, 0, hot));
    }

    /** Sends a whole IPv6 packet from the home agent's namespace, as it is. */
    private static void send(RawSocket raw, byte[] packet, Ipv6Address to) {
        PacketBatch b = raw.newBatch(1, 2048);
        ByteBuffer buffer = b.buffer(0);
        buffer.clear();
        buffer.put(packet).flip();
        b.peer(0, to, 0);
        b.count(1);
        raw.send(b);
    }

    /** The provider's component, as the framework would make it. */
    private static Object provider(String name, NetlinkKernelDriver driver) {
        if (name.equals("bpf")) {
            return new BpfProviderComponent(driver, new LinuxEbpf(), new RawSocketsComponent());
        }
        return new TunProviderComponent(driver, new TunDevicesComponent(), new RawSocketsComponent(),
                new TunConfiguration() {
                    @Override
                    public boolean joinInKernel() {
                        return false;
                    }

                    @Override
                    public Class<? extends java.lang.annotation.Annotation> annotationType() {
                        return TunConfiguration.class;
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpf", "tun"})
    void aHomeTestTunnelledFromTheHomeAgentArrivesOnceAsTunnelledAndAPlainOneDirect(String name) throws Exception {
        if (name.equals("bpf")) {
            assumeTrue(capabilities.supports(KernelFeature.LWT_BPF) && capabilities.supports(KernelFeature.TCX),
                    "the bpf tunnel provider needs lwtunnel BPF and TCX (Linux 6.6)");
        } else {
            assumeTrue(capabilities.supports(KernelFeature.TUN), "the tun provider needs TUN");
        }
        int mnIndex = Integer.parseInt(mn.exec("cat /sys/class/net/t8m/ifindex").trim());
        try (NetlinkKernelDriver mnDriver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities);
                NetlinkKernelDriver haDriver = NetlinkKernelDriver.open(ha.namespace(), () -> capabilities);
                Signalling mnSide = signalling(mnDriver, Signalling.Choice.AUTO);
                RawSocket raw = new RawSocketsComponent().openHeaderIncluded(ha.namespace())) {
            assertEquals("packet-socket", mnSide.pathName(), "this kernel has no MIP6: packet sockets");
            Object component = provider(name, mnDriver);
            mobility.api.tunnel.TunnelProvider provider = (mobility.api.tunnel.TunnelProvider) component;
            Tunnel tunnel = provider.open(new TunnelSpec(COA, HA, mnIndex, List.of(Ipv6Prefix.DEFAULT),
                    Ipv6Prefix.host(HOA), List.of(Ipv6Prefix.DEFAULT)));
            try {
                BlockingQueue<SignallingPacket> atMn = new LinkedBlockingQueue<>();
                mnSide.listen(Set.of(MobilityHeader.HOME_TEST), Set.of(), atMn::add);
                int parameterProblemsBefore = counter(mn, "Icmp6OutParmProblems");
                Thread.sleep(500);

                send(raw, Frames.tunnel(homeTest(0x1111L), HA, COA), COA);
                SignallingPacket tunnelled = atMn.poll(5, TimeUnit.SECONDS);
                assertNotNull(tunnelled, "the mobile node receives the tunnelled Home Test: " + mnSide.counters());
                assertEquals(Arrival.tunnelled(HA, COA), tunnelled.arrival());
                assertTrue(tunnelled.arrival().tunnelledFrom(HA), "§11.6.2: through the tunnel from the home agent");
                assertEquals(CN, tunnelled.source(), "the inner packet's source");
                assertEquals(HOA, tunnelled.destination(), "the inner packet's destination");
                assertNull(tunnelled.homeAddress());
                assertNull(tunnelled.routingHeaderAddress());
                assertEquals(mnIndex, tunnelled.interfaceIndex());
                assertEquals(MobilityHeader.HOME_TEST, tunnelled.type());
                assertTrue(SignallingEndToEndTest.checksumOk(tunnelled.message(), CN, HOA));
                assertNull(atMn.poll(700, TimeUnit.MILLISECONDS), "delivered once");
                if (name.equals("bpf")) {
                    Map<String, Long> tunnelCounters = tunnel.counters();
                    assertTrue(tunnelCounters.getOrDefault("decapsulated", 0L) >= 1,
                            "the bpf classifier decapsulated it after the packet socket saw it: " + tunnelCounters);
                } else {
                    assertEquals(1L, mnSide.counters().get("dropped.tunnel_copy"),
                            "the TUN device's plain copy: " + mnSide.counters());
                }

                send(raw, homeTest(0x2222L), HOA);
                SignallingPacket plain = atMn.poll(5, TimeUnit.SECONDS);
                assertNotNull(plain, "the plain Home Test arrives");
                assertEquals(Arrival.DIRECT, plain.arrival());
                assertFalse(plain.arrival().tunnelledFrom(HA));
                assertEquals(CN, plain.source());

                send(raw, Frames.tunnel(homeTest(0x3333L), STRANGER, COA), COA);
                SignallingPacket stranger = atMn.poll(5, TimeUnit.SECONDS);
                assertNotNull(stranger, "seen before the classifier drops it");
                assertEquals(Arrival.tunnelled(STRANGER, COA), stranger.arrival());
                assertFalse(stranger.arrival().tunnelledFrom(HA), "not from the home agent: refused (§11.6.2)");
                assertNull(atMn.poll(500, TimeUnit.MILLISECONDS), "nothing else");

                Map<String, Long> c = mnSide.counters();
                assertEquals(2L, c.get("received.tunnelled"), c.toString());
                assertEquals(3L, c.get("received.mh.3"), c.toString());
                assertEquals(parameterProblemsBefore, counter(mn, "Icmp6OutParmProblems"),
                        "the kernel answered none of them with a Parameter Problem");
            } finally {
                tunnel.close();
                // What the framework calls on deactivation (package-private in mobility.tunnel): closes the provider.
                var deactivate = component.getClass().getDeclaredMethod("deactivate");
                deactivate.setAccessible(true);
                deactivate.invoke(component);
            }
        }
    }
}
