package mobility.signalling;

import static mobility.signalling.SignallingNodes.counter;
import static mobility.signalling.SignallingNodes.signalling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.tool.NftTablesComponent;
import mobility.netlink.probe.CapabilityProber;
import mobility.netlink.socket.Netns;

/**
 * The packet-socket path between a mobile-node-like and a home-agent-like namespace: a Binding Update with a Home
 * Address option one way, a Binding Acknowledgement with a Type 2 routing header back, checked as the roles see
 * them and as tshark decodes them on the wire, and no ICMPv6 Parameter Problem from either side.
 */
class SignallingEndToEndTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:71::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:71::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:7100::1");
    private static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();

    private static KernelCapabilities capabilities;
    private static Netns mn;
    private static Netns ha;

    @BeforeAll
    static void namespaces() {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        capabilities = CapabilityProber.probe();
        mn = Netns.create("mn");
        ha = Netns.create("ha");
        Netns.link(mn, "t7m", COA.toString(), ha, "t7h", HA.toString());
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

    /** RFC 6275 §6.1.1 computed here from scratch: the one's complement sum over pseudo-header and message. */
    static boolean checksumOk(byte[] message, Ipv6Address source, Ipv6Address destination) {
        long sum = 0;
        for (Ipv6Address a : List.of(source, destination)) {
            for (int i = 0; i < 8; i++) {
                sum += a.group(i);
            }
        }
        sum += message.length;
        sum += 135;
        for (int i = 0; i < message.length; i += 2) {
            sum += (message[i] & 0xff) << 8 | (i + 1 < message.length ? message[i + 1] & 0xff : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum == 0xffff;
    }

    @Test
    void bindingUpdateWithHomeAddressOptionAndAcknowledgementWithType2RoutingHeader() throws Exception {
        assumeTrue(Capture.available(), "needs Debian's tshark (apt-get install tshark)");
        int mnIndex = Integer.parseInt(mn.exec("cat /sys/class/net/t7m/ifindex").trim());
        try (NetlinkKernelDriver mnDriver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities);
                NetlinkKernelDriver haDriver = NetlinkKernelDriver.open(ha.namespace(), () -> capabilities);
                Signalling mnSide = signalling(mnDriver, Signalling.Choice.AUTO);
                Signalling haSide = signalling(haDriver, Signalling.Choice.AUTO);
                Capture wire = Capture.start(ha, "t7h")) {
            assertEquals("packet-socket", haSide.pathName(), "this kernel has no MIP6: packet sockets");
            BlockingQueue<SignallingPacket> atHa = new LinkedBlockingQueue<>();
            BlockingQueue<SignallingPacket> atMn = new LinkedBlockingQueue<>();
            assertFalse(ha.exec("nft list ruleset").contains("mobility_mip6"), "no table while no role listens");
            haSide.listen(Set.of(MobilityHeader.BINDING_UPDATE), Set.of(), atHa::add);
            mnSide.listen(Set.of(MobilityHeader.BINDING_ACKNOWLEDGEMENT), Set.of(), atMn::add);
            assertTrue(ha.exec("nft list ruleset").contains("table inet mobility_mip6"), "a listener brings the table");
            int parameterProblemsBefore = counter(ha, "Icmp6OutParmProblems") + counter(mn, "Icmp6OutParmProblems");
            Thread.sleep(500);

            byte[] bu = CODEC.encode(new BindingUpdate(4711, BindingUpdate.ACKNOWLEDGE
                    | BindingUpdate.HOME_REGISTRATION, 100), HOA, HA);
            mnSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, HOA, null, 0, bu));
            SignallingPacket received = atHa.poll(5, TimeUnit.SECONDS);
            assertNotNull(received, "the home agent receives the binding update");
            assertEquals(COA, received.source());
            assertEquals(HA, received.destination());
            assertEquals(HOA, received.homeAddress());
            assertEquals(HOA, received.effectiveSource());
            assertNull(received.routingHeaderAddress());
            assertEquals(MobilityHeader.BINDING_UPDATE, received.type());
            assertTrue(checksumOk(received.message(), HOA, HA), "checksum over the home address (§6.1.1)");
            assertTrue(received.interfaceIndex() > 0);

            byte[] ba = CODEC.encode(new BindingAcknowledgement(0, 0, 4711, 100), HA, HOA);
            haSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, HA, COA, null, HOA, 0, ba));
            SignallingPacket back = atMn.poll(5, TimeUnit.SECONDS);
            assertNotNull(back, "the mobile node receives the binding acknowledgement");
            assertEquals(HA, back.source());
            assertEquals(COA, back.destination());
            assertEquals(HOA, back.routingHeaderAddress());
            assertNull(back.homeAddress());
            assertEquals(mnIndex, back.interfaceIndex());
            assertTrue(checksumOk(back.message(), HA, HOA), "checksum over the routing header's home address");

            byte[] bare = CODEC.encode(new BindingUpdate(4712, 0, 0), COA, HA);
            mnSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, null, null, 0, bare));
            SignallingPacket plain = atHa.poll(5, TimeUnit.SECONDS);
            assertNotNull(plain, "a Mobility Header without extension headers arrives too");
            assertNull(plain.homeAddress());

            List<String> lines = wire.stop("ipv6.src", "ipv6.dst", "mip6.mhtype", "ipv6.opt.mipv6.home_address",
                    "ipv6.routing.mipv6.home_address", "mip6.bu.seqnr", "mip6.bu.a_flag", "mip6.bu.h_flag",
                    "mip6.ba.status", "mip6.ba.seqnr", "icmpv6.type");
            assertTrue(lines.contains(String.join("\t", COA.toString(), HA.toString(), "5", HOA.toString(), "",
                    "4711", "1", "1", "", "", "")), "BU with HAO on the wire: " + lines);
            assertTrue(lines.contains(String.join("\t", HA.toString(), COA.toString(), "6", "", HOA.toString(),
                    "", "", "", "0", "4711", "")), "BA with RH2 on the wire: " + lines);
            assertTrue(lines.contains(String.join("\t", COA.toString(), HA.toString(), "5", "", "", "4712",
                    "0", "0", "", "", "")), "bare BU on the wire: " + lines);
            assertFalse(lines.stream().anyMatch(l -> l.endsWith("\t4") || l.contains("\t4,")),
                    "no ICMPv6 Parameter Problem on the wire: " + lines);
            assertEquals(parameterProblemsBefore, counter(ha, "Icmp6OutParmProblems")
                    + counter(mn, "Icmp6OutParmProblems"), "neither kernel sent a Parameter Problem");
            assertEquals(2L, haSide.counters().get("received.mh.5"));
        }
        assertFalse(Netns.run("ip", "netns", "exec", ha.name, "nft", "list", "ruleset").contains("mobility_mip6"),
                "closing removes the platform's nftables table");
    }

    @Test
    void kernelMip6PathIsUnavailableHereAndSaysWhy() {
        assumeTrue(!capabilities.supports(mobility.api.kernel.KernelFeature.MIP6_RO_XFRM),
                "this kernel has MIP6: the path is tested in the qemu guest");
        try (NetlinkKernelDriver driver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> signalling(driver, Signalling.Choice.KERNEL_MIP6));
            assertTrue(e.getMessage().contains("unavailable") && e.getMessage().contains("route-optimisation"),
                    e.getMessage());
            try (Signalling auto = signalling(driver, Signalling.Choice.AUTO)) {
                @SuppressWarnings("unchecked")
                var paths = (java.util.Map<String, java.util.Map<String, Object>>) auto.describe().get("paths");
                assertEquals(false, paths.get("kernel-mip6").get("available"));
                assertEquals("packet-socket", auto.describe().get("path"));
                assertTrue(auto.describe().get("reason").toString().contains("no MIP6"));
            }
        }
    }

    @Test
    void aTableLeftByAKilledRunIsRemovedWhenTheServiceStarts() {
        new NftTablesComponent().install(ha.namespace(), "inet", PacketSocketPath.NFT_TABLE,
                PacketSocketPath.NFT_BODY);
        try (NetlinkKernelDriver driver = NetlinkKernelDriver.open(ha.namespace(), () -> capabilities);
                Signalling s = signalling(driver, Signalling.Choice.PACKET_SOCKET)) {
            assertFalse(ha.exec("nft list ruleset").contains(PacketSocketPath.NFT_TABLE));
            assertEquals(1L, s.counters().get("stale.table.removed"));
        }
    }

    @Test
    void sendingWithoutSourceIsRefusedWithTheReason() {
        try (NetlinkKernelDriver driver = NetlinkKernelDriver.open(mn.namespace(), () -> capabilities);
                Signalling s = signalling(driver, Signalling.Choice.PACKET_SOCKET)) {
            SignallingException e = assertThrows(SignallingException.class, () -> s.send(new SignallingPacket(
                    SignallingPacket.MOBILITY_HEADER, 0, null, HA, null, null, 0, new byte[8])));
            assertTrue(e.getMessage().contains("source"), e.getMessage());
        }
    }
}
