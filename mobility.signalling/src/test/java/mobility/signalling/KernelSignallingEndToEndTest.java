package mobility.signalling;

import static mobility.signalling.SignallingNodes.counter;
import static mobility.signalling.SignallingNodes.signalling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelFeature;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.Netns;

/**
 * The kernel signalling path (CONFIG_IPV6_MIP6) between a mobile-node-like and a home-agent-like namespace: the
 * mobile node's kernel inserts the Home Address option into a Binding Update (RFC 6275 §6.3) from route-optimisation
 * XFRM state the path installs, the home agent's kernel processes it and hands the raw protocol-135 socket the
 * home address as source; the Binding Acknowledgement goes back with a Type 2 routing header (§6.4) that the mobile
 * node's kernel processes. Checked as the roles see it, as tshark decodes the wire, and without any ICMPv6 Parameter
 * Problem. Runs where the kernel has MIP6 (the qemu guest); skipped with the reason elsewhere.
 */
@Tag(KernelFeatures.GUEST)
class KernelSignallingEndToEndTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:72::1");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:72::2");
    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:7200::1");
    private static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    /** Under software emulation (qemu TCG) everything is many times slower than on the host. */
    private static final long WAIT = 5L * Long.getLong("mobility.timeout.scale",
            Long.parseLong(System.getenv().getOrDefault("MOBILITY_TIMEOUT_SCALE", "1")));

    private static Netns mn;
    private static Netns ha;

    /** Per test, so a kernel without MIP6 reports each test skipped with the reason (not a silent empty class). */
    @BeforeEach
    void kernelHasMip6() {
        KernelFeatures.assumePresent(KernelFeature.MIP6_RO_XFRM);
        if (mn == null) {
            namespaces();
        }
    }

    private static void namespaces() {
        mn = Netns.create("mn");
        ha = Netns.create("ha");
        Netns.link(mn, "t7m", COA.toString(), ha, "t7h", HA.toString());
        // RFC 6275 §11.5.1: the kernel accepts a Type 2 routing header only for an address marked as a home address.
        mn.exec("ip -6 addr add " + HOA + "/128 dev lo home nodad");
        // The home link's prefix is on the home agent's side, as on a real home link.
        ha.exec("ip -6 route add " + HOA + "/128 via " + COA + " dev t7h");
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

    @Test
    void kernelInsertsAndProcessesTheHomeAddressOptionAndTheType2RoutingHeader() throws Exception {
        String haXfrmBefore = ha.exec("ip xfrm state list") + ha.exec("ip xfrm policy list");
        String mnXfrmBefore = mn.exec("ip xfrm state list") + mn.exec("ip xfrm policy list");
        int mnIndex = Integer.parseInt(mn.exec("cat /sys/class/net/t7m/ifindex").trim());
        try (NetlinkKernelDriver mnDriver = NetlinkKernelDriver.open(mn.namespace(), KernelFeatures::capabilities);
                NetlinkKernelDriver haDriver = NetlinkKernelDriver.open(ha.namespace(), KernelFeatures::capabilities);
                Signalling mnSide = signalling(mnDriver, Signalling.Choice.AUTO);
                Signalling haSide = signalling(haDriver, Signalling.Choice.AUTO);
                Capture wire = Capture.start(ha, "t7h")) {
            assertEquals(KernelMip6Path.NAME, haSide.pathName(), "a MIP6 kernel gets the kernel path");
            assertEquals(KernelMip6Path.NAME, mnSide.pathName());
            BlockingQueue<SignallingPacket> atHa = new LinkedBlockingQueue<>();
            BlockingQueue<SignallingPacket> atMn = new LinkedBlockingQueue<>();
            haSide.listen(Set.of(MobilityHeader.BINDING_UPDATE), Set.of(), atHa::add);
            mnSide.listen(Set.of(MobilityHeader.BINDING_ACKNOWLEDGEMENT), Set.of(), atMn::add);
            assertFalse(ha.exec("nft list ruleset").contains("mobility_mip6"), "the kernel path needs no nftables");
            int problemsBefore = counter(ha, "Icmp6OutParmProblems") + counter(mn, "Icmp6OutParmProblems");

            byte[] bu = CODEC.encode(new BindingUpdate(4711, BindingUpdate.ACKNOWLEDGE
                    | BindingUpdate.HOME_REGISTRATION, 100), HOA, HA);
            mnSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, HOA, null, 0, bu));
            SignallingPacket received = atHa.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(received, "the home agent receives the binding update; " + xfrm());
            assertEquals(COA, received.source(), "the care-of address, from the processed Home Address option");
            assertEquals(HOA, received.homeAddress());
            assertEquals(HOA, received.effectiveSource());
            assertEquals(HA, received.destination());
            assertNull(received.routingHeaderAddress());
            assertEquals(MobilityHeader.BINDING_UPDATE, received.type());
            assertTrue(SignallingEndToEndTest.checksumOk(received.message(), HOA, HA),
                    "the kernel's checksum covers the home address (§6.1.1)");

            byte[] ba = CODEC.encode(new BindingAcknowledgement(0, 0, 4711, 100), HA, HOA);
            haSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, HA, COA, null, HOA, 0, ba));
            SignallingPacket back = atMn.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(back, "the mobile node receives the binding acknowledgement; " + xfrm());
            assertEquals(HA, back.source());
            assertEquals(COA, back.destination(), "the care-of address, from the processed Type 2 routing header");
            assertEquals(HOA, back.routingHeaderAddress());
            assertNull(back.homeAddress());
            assertEquals(mnIndex, back.interfaceIndex());
            assertTrue(SignallingEndToEndTest.checksumOk(back.message(), HA, HOA),
                    "the kernel's checksum covers the routing header's home address");

            byte[] bare = CODEC.encode(new BindingUpdate(4712, 0, 0), COA, HA);
            mnSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, COA, HA, null, null, 0, bare));
            SignallingPacket plain = atHa.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(plain, "a Mobility Header without extension headers arrives too");
            assertNull(plain.homeAddress());
            assertEquals(COA, plain.source());

            // Back home (§11.5.4) the node sends from its home address without the option: the kernel must not
            // insert the earlier one from the state the first Binding Update left.
            byte[] home = CODEC.encode(new BindingUpdate(4713, BindingUpdate.ACKNOWLEDGE
                    | BindingUpdate.HOME_REGISTRATION, 0), HOA, HA);
            mnSide.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, HOA, HA, null, null, 0, home));
            SignallingPacket fromHome = atHa.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(fromHome, "the binding update from home arrives; " + xfrm());
            assertEquals(HOA, fromHome.source());
            assertNull(fromHome.homeAddress(), "no Home Address option from home");
            assertEquals(1L, mnSide.counters().get("xfrm.ro.removed"), mnSide.counters().toString());

            List<String> lines = wire.stop("ipv6.src", "ipv6.dst", "mip6.mhtype", "ipv6.opt.mipv6.home_address",
                    "ipv6.routing.mipv6.home_address", "mip6.bu.seqnr", "mip6.ba.seqnr", "icmpv6.type");
            assertTrue(lines.contains(String.join("\t", COA.toString(), HA.toString(), "5", HOA.toString(), "",
                    "4711", "", "")), "BU with the kernel's HAO on the wire: " + lines);
            assertTrue(lines.contains(String.join("\t", HA.toString(), COA.toString(), "6", "", HOA.toString(),
                    "", "4711", "")), "BA with the kernel's RH2 on the wire: " + lines);
            assertFalse(lines.stream().anyMatch(l -> l.endsWith("\t4")), "no Parameter Problem on the wire: " + lines);
            assertEquals(problemsBefore, counter(ha, "Icmp6OutParmProblems") + counter(mn, "Icmp6OutParmProblems"),
                    "neither kernel sent a Parameter Problem");
            assertTrue(lines.contains(String.join("\t", HOA.toString(), HA.toString(), "5", "", "", "4713", "", "")),
                    "BU from home without HAO on the wire: " + lines);
            assertEquals(3L, haSide.counters().get("received.mh.5"));
        }
        assertEquals(haXfrmBefore, ha.exec("ip xfrm state list") + ha.exec("ip xfrm policy list"),
                "closing removes every XFRM state and policy the path installed");
        assertEquals(mnXfrmBefore, mn.exec("ip xfrm state list") + mn.exec("ip xfrm policy list"));
    }

    private static String xfrm() {
        return "\nHA states:\n" + ha.exec("ip xfrm state list") + "HA policies:\n" + ha.exec("ip xfrm policy list")
                + "MN states:\n" + mn.exec("ip xfrm state list") + "MN policies:\n" + mn.exec("ip xfrm policy list")
                + "HA nstat:\n" + ha.exec("nstat -az Ip6InHdrErrors Icmp6OutParmProblems Ip6InDiscards")
                + "MN nstat:\n" + mn.exec("nstat -az Ip6InHdrErrors Icmp6OutParmProblems Ip6InDiscards");
    }
}
