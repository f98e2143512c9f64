package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.NeighborSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.icmp.RouterSolicitation;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobileNetworkPrefix;
import mobility.api.wire.mh.NonceIndices;

/**
 * Independent oracle: every message type this codec encodes, written into a pcap and dissected by Debian's tshark
 * (PDML output, which the JDK parses, unlike tshark's JSON with its repeated keys), must show the field values we
 * set and no expert warning or error. tshark does not verify the Mobility Header checksum, so each one is also
 * checked here with a pseudo-header sum written separately from the codec's (a tunnelled message's with the inner
 * header's addresses), and the decoder's description of the tunnelled HoTI and HoT is compared with tshark's
 * dissection of them. Skipped when tshark is missing
 * (Debian package tshark).
 */
class TsharkOracleTest {

    private static final Ipv6Address MN_HOME = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:99::100");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::7");
    private static final Ipv6Address ALL_NODES = Ipv6Address.parse("ff02::1");
    private static final Ipv6Address HA_LINK_LOCAL = Ipv6Address.parse("fe80::1");
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    private static final Ipv6PacketCodec CODEC = Ipv6PacketCodec.standard();

    /** Packets in frame order, each with the tshark fields and values it must show. */
    private static final List<byte[]> PACKETS = new ArrayList<>();
    private static final List<Map<String, List<String>>> EXPECTED = new ArrayList<>();

    @BeforeAll
    static void tsharkIsInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")),
                "tshark is not installed (Debian package tshark): the tshark oracle is skipped");
    }

    /** A field named twice, as the outer and inner {@code ipv6.src} of a tunnelled packet, must show each value. */
    private static void add(byte[] packet, String... fieldValues) {
        PACKETS.add(packet);
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldValues.length; i += 2) {
            m.computeIfAbsent(fieldValues[i], k -> new ArrayList<>()).add(fieldValues[i + 1]);
        }
        EXPECTED.add(m);
    }

    static {
        add(CODEC.packet(new BindingRefreshRequest()).source(HA).destination(CARE_OF).type2RoutingHeader(MN_HOME).build(),
                "mip6.mhtype", "0", "ipv6.routing.mipv6.home_address", "2001:db8:1::100", "ipv6.routing.segleft", "1");
        add(CODEC.packet(new HomeTestInit(0x0102030405060708L)).source(MN_HOME).destination(CN).build(),
                "mip6.mhtype", "1", "mip6.hoti.cookie", "0x0102030405060708");
        add(CODEC.packet(new CareOfTestInit(0x1112131415161718L)).source(CARE_OF).destination(CN).build(),
                "mip6.mhtype", "2", "mip6.coti.cookie", "0x1112131415161718");
        add(CODEC.packet(new HomeTest(0x1234, 0x0102030405060708L, 0xa1a2a3a4a5a6a7a8L)).source(CN).destination(MN_HOME).build(),
                "mip6.mhtype", "3", "mip6.hot.nindex", "4660", "mip6.hot.cookie", "0x0102030405060708",
                "mip6.hot.token", "0xa1a2a3a4a5a6a7a8");
        add(CODEC.packet(new CareOfTest(0x4321, 0x1112131415161718L, 0xb1b2b3b4b5b6b7b8L)).source(CN).destination(CARE_OF).build(),
                "mip6.mhtype", "4", "mip6.cot.nindex", "17185", "mip6.cot.cookie", "0x1112131415161718",
                // tshark 4.0 names the care-of keygen token with the home test's field
                "mip6.hot.token", "0xb1b2b3b4b5b6b7b8");
        add(CODEC.packet(new BindingUpdate(258, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                        | BindingUpdate.LINK_LOCAL_ADDRESS_COMPATIBILITY | BindingUpdate.KEY_MANAGEMENT_MOBILITY_CAPABILITY,
                        900, new AlternateCareOfAddress(CARE_OF), new NonceIndices(7, 8),
                        new BindingAuthorizationData(new Authenticator(0x0001020304050607L, 0x08090a0b))))
                        .source(CARE_OF).destination(HA).homeAddressOption(MN_HOME).build(),
                "mip6.mhtype", "5", "mip6.bu.seqnr", "258", "mip6.bu.a_flag", "1", "mip6.bu.h_flag", "1",
                "mip6.bu.l_flag", "1", "mip6.bu.k_flag", "1", "mip6.bu.m_flag", "0", "mip6.nemo.bu.r_flag", "0",
                "mip6.bu.lifetime", "900", "mip6.acoa.acoa", "2001:db8:99::100", "mip6.ni.hni", "7", "mip6.ni.cni", "8",
                "mip6.bad.auth", "00:01:02:03:04:05:06:07:08:09:0a:0b", "ipv6.opt.mipv6.home_address", "2001:db8:1::100");
        add(CODEC.packet(new BindingUpdate(9, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                        | BindingUpdate.MOBILE_ROUTER, 100, new MobileNetworkPrefix(48, Ipv6Address.parse("2001:db8:77::"))))
                        .source(CARE_OF).destination(HA).homeAddressOption(MN_HOME).build(),
                "mip6.mhtype", "5", "mip6.nemo.bu.r_flag", "1", "mip6.nemo.mnp.pfl", "48", "mip6.nemo.mnp.mnp", "2001:db8:77::");
        add(CODEC.packet(new BindingAcknowledgement(0, BindingAcknowledgement.KEY_MANAGEMENT_MOBILITY_CAPABILITY
                        | BindingAcknowledgement.MOBILE_ROUTER, 258, 900, new BindingRefreshAdvice(200)))
                        .source(HA).destination(CARE_OF).type2RoutingHeader(MN_HOME).build(),
                "mip6.mhtype", "6", "mip6.ba.status", "0", "mip6.ba.k_flag", "1", "mip6.nemo.ba.r_flag", "1",
                "mip6.ba.seqnr", "258", "mip6.ba.lifetime", "900", "mip6.bra.interval", "200");
        add(CODEC.packet(new BindingAcknowledgement(136, 0, 3, 0,
                        new BindingAuthorizationData(new Authenticator(-1L, 0x01020304))))
                        .source(CN).destination(CARE_OF).type2RoutingHeader(MN_HOME).build(),
                "mip6.ba.status", "136", "mip6.bad.auth", "ff:ff:ff:ff:ff:ff:ff:ff:01:02:03:04");
        add(CODEC.packet(new BindingError(2, MN_HOME)).source(CN).destination(CARE_OF).build(),
                "mip6.mhtype", "7", "mip6.be.status", "2", "mip6.be.haddr", "2001:db8:1::100");
        add(CODEC.packet(new HomeAgentAddressDiscoveryRequest(0x2222)).source(CARE_OF)
                        .destination(Ipv6Address.parse("2001:db8:1:0:fdff:ffff:ffff:fffe")).build(),
                "icmpv6.type", "144", "icmpv6.mip6.identifier", "8738");
        add(CODEC.packet(new HomeAgentAddressDiscoveryReply(0x2222, List.of(HA))).source(HA).destination(CARE_OF).build(),
                "icmpv6.type", "145", "icmpv6.mip6.identifier", "8738", "icmpv6.mip6.home_agent_address", "2001:db8:1::1");
        add(CODEC.packet(new MobilePrefixSolicitation(0x3333)).source(CARE_OF).destination(HA).homeAddressOption(MN_HOME).build(),
                "icmpv6.type", "146", "icmpv6.mip6.identifier", "13107");
        add(CODEC.packet(new MobilePrefixAdvertisement(0x3333, MobilePrefixAdvertisement.OTHER_CONFIGURATION,
                        List.of(new PrefixInformation(64, PrefixInformation.ON_LINK | PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION,
                                86400, 14400, Ipv6Address.parse("2001:db8:1::")))))
                        .source(HA).destination(CARE_OF).type2RoutingHeader(MN_HOME).build(),
                "icmpv6.type", "147", "icmpv6.mip6.flag.o", "1", "icmpv6.mip6.flag.m", "0",
                "icmpv6.opt.prefix", "2001:db8:1::", "icmpv6.opt.prefix.valid_lifetime", "86400");
        add(CODEC.packet(new RouterAdvertisement(64, RouterAdvertisement.HOME_AGENT, 1800, 0, 0, List.of(
                        new PrefixInformation(64, PrefixInformation.ON_LINK | PrefixInformation.ROUTER_ADDRESS, 86400, 14400, HA),
                        new AdvertisementInterval(3000), new HomeAgentInformation(-5, 1800),
                        LinkLayerAddressOption.source(MAC))))
                        .source(HA_LINK_LOCAL).destination(ALL_NODES).build(),
                "icmpv6.type", "134", "icmpv6.nd.ra.flag.h", "1", "icmpv6.opt.prefix.flag.r", "1",
                "icmpv6.opt.advertisement_interval", "3000", // tshark shows the signed preference -5 (RFC 6275 §7.4) as the unsigned 16 bits 65531
                "icmpv6.opt.home_agent_preference", "65531",
                "icmpv6.opt.home_agent_lifetime", "1800");
        add(CODEC.packet(new RouterSolicitation(List.of(LinkLayerAddressOption.source(MAC)))).source(HA_LINK_LOCAL)
                        .destination(Ipv6Address.parse("ff02::2")).build(),
                "icmpv6.type", "133", "icmpv6.opt.linkaddr", "02:00:00:00:00:01");
        add(CODEC.packet(new NeighborSolicitation(MN_HOME, List.of())).source(Ipv6Address.UNSPECIFIED)
                        .destination(Ipv6Address.parse("ff02::1:ff00:100")).build(),
                "icmpv6.type", "135", "icmpv6.nd.ns.target_address", "2001:db8:1::100");
        add(CODEC.packet(new NeighborAdvertisement(NeighborAdvertisement.ROUTER | NeighborAdvertisement.OVERRIDE,
                        MN_HOME, List.of(LinkLayerAddressOption.target(MAC)))).source(HA_LINK_LOCAL).destination(ALL_NODES).build(),
                "icmpv6.type", "136", "icmpv6.nd.na.flag.r", "1", "icmpv6.nd.na.flag.s", "0", "icmpv6.nd.na.flag.o", "1",
                "icmpv6.nd.na.target_address", "2001:db8:1::100");
        // Return routability through the home agent's tunnel (RFC 6275 §5.2.3, §10.4.5; RFC 2473): tshark shows the
        // outer header, then the inner one, then the message.
        add(tunnelledHomeTestInit(), "ipv6.nxt", "41", "ipv6.src", "2001:db8:99::100", "ipv6.dst", "2001:db8:1::1",
                "ipv6.src", "2001:db8:1::100", "ipv6.dst", "2001:db8:3::7", "mip6.mhtype", "1",
                "mip6.hoti.cookie", "0x2122232425262728");
        add(tunnelledHomeTest(), "ipv6.nxt", "41", "ipv6.src", "2001:db8:1::1", "ipv6.dst", "2001:db8:99::100",
                "ipv6.src", "2001:db8:3::7", "ipv6.dst", "2001:db8:1::100", "mip6.mhtype", "3",
                "mip6.hot.nindex", "4661", "mip6.hot.cookie", "0x2122232425262728", "mip6.hot.token", "0xc1c2c3c4c5c6c7c8");
    }

    /** The mobile node's HoTI, reverse-tunnelled from its care-of address to the home agent. */
    private static byte[] tunnelledHomeTestInit() {
        return Encapsulation.encapsulated(CARE_OF, HA,
                CODEC.packet(new HomeTestInit(0x2122232425262728L)).source(MN_HOME).destination(CN).build());
    }

    /** The correspondent's HoT to the home address, tunnelled by the home agent to the care-of address. */
    private static byte[] tunnelledHomeTest() {
        return Encapsulation.encapsulated(HA, CARE_OF, CODEC.packet(new HomeTest(0x1235, 0x2122232425262728L,
                0xc1c2c3c4c5c6c7c8L)).source(CN).destination(MN_HOME).build());
    }

    @Test
    void tsharkShowsTheFieldValuesWeSetAndNoExpertWarning(@TempDir Path dir) throws Exception {
        List<Dissection> packets = tshark(dir, PACKETS);
        assertEquals(PACKETS.size(), packets.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            Dissection shown = packets.get(i);
            int frame = i + 1;
            EXPECTED.get(i).forEach((name, values) -> {
                List<String> got = shown.fields().getOrDefault(name, List.of());
                if (!got.containsAll(values)) {
                    mismatches.add("frame " + frame + ": " + name + " shows " + got + ", expected " + values);
                }
            });
            shown.experts().forEach(x -> mismatches.add("frame " + frame + ": expert " + x));
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    /**
     * The decoder against tshark on the tunnelled return-routability messages: the outer and inner addresses in
     * tshark's order (outer first), and each field of the message, as the decoder describes them.
     */
    @Test
    void decoderShowsTheTunnelledHomeTestInitAndHomeTestAsTsharkDoes(@TempDir Path dir) throws Exception {
        List<byte[]> tunnelled = List.of(tunnelledHomeTestInit(), tunnelledHomeTest());
        List<Dissection> shown = tshark(dir, tunnelled);
        PacketDescriber describer = new PacketDescriber(CODEC);
        for (int i = 0; i < tunnelled.size(); i++) {
            Map<String, Object> d = describer.octets(tunnelled.get(i));
            Map<?, ?> tunnel = (Map<?, ?>) d.get("tunnel");
            Map<?, ?> fields = (Map<?, ?>) d.get("fields");
            Map<String, List<String>> t = shown.get(i).fields();
            assertEquals(List.of(tunnel.get("source"), d.get("source")), t.get("ipv6.src"), d.toString());
            assertEquals(List.of(tunnel.get("destination"), d.get("destination")), t.get("ipv6.dst"), d.toString());
            assertEquals("ok", d.get("checksum"));
            assertEquals(List.of(), shown.get(i).experts());
            if (d.get("message").equals("Home Test Init")) {
                assertEquals(List.of("0x" + fields.get("homeInitCookie")), t.get("mip6.hoti.cookie"));
            } else {
                assertEquals("Home Test", d.get("message"));
                assertEquals(List.of(String.valueOf(fields.get("homeNonceIndex"))), t.get("mip6.hot.nindex"));
                assertEquals(List.of("0x" + fields.get("homeInitCookie")), t.get("mip6.hot.cookie"));
                assertEquals(List.of("0x" + fields.get("homeKeygenToken")), t.get("mip6.hot.token"));
            }
        }
    }

    /** What tshark shows of a packet: each field's values in the order shown, and its expert warnings and errors. */
    private record Dissection(Map<String, List<String>> fields, List<String> experts) {
    }

    /** The packets written into a pcap and dissected by tshark (PDML). */
    private static List<Dissection> tshark(Path dir, List<byte[]> packets) throws Exception {
        Path pcap = dir.resolve("packets.pcap");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter writer = new PcapWriter(out)) {
            for (int i = 0; i < packets.size(); i++) {
                writer.write(packets.get(i), 0, packets.get(i).length, 1_700_000_000L + i, 0);
            }
        }
        Path pdml = dir.resolve("packets.pdml");
        Process tshark = new ProcessBuilder("/usr/bin/tshark", "-r", pcap.toString(), "-T", "pdml")
                .redirectOutput(pdml.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS), "tshark did not finish in 60 s");
        assertEquals(0, tshark.exitValue(), "tshark failed");
        NodeList shown = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pdml.toFile())
                .getElementsByTagName("packet");
        List<Dissection> out = new ArrayList<>();
        for (int i = 0; i < shown.getLength(); i++) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            List<String> experts = new ArrayList<>();
            NodeList fields = ((Element) shown.item(i)).getElementsByTagName("field");
            for (int f = 0; f < fields.getLength(); f++) {
                Element e = (Element) fields.item(f);
                values.computeIfAbsent(e.getAttribute("name"), k -> new ArrayList<>()).add(e.getAttribute("show"));
                if (e.getAttribute("name").equals("_ws.expert") && e.getAttribute("showname").matches(".*\\((Warning|Error)/.*")) {
                    experts.add(e.getAttribute("showname"));
                }
            }
            out.add(new Dissection(values, experts));
        }
        return out;
    }

    @Test
    void everyMobilityHeaderChecksumVerifiesWithAnIndependentPseudoHeaderSum() throws IOException {
        int checked = 0;
        for (byte[] p : PACKETS) {
            int next = p[6] & 0xff;
            int at = 40;
            byte[] source = java.util.Arrays.copyOfRange(p, 8, 24);
            byte[] destination = java.util.Arrays.copyOfRange(p, 24, 40);
            while (next == 43 || next == 60 || next == 41) {
                if (next == 41) {
                    // IPv6-in-IPv6: the inner header's addresses are the pseudo-header's (RFC 2473 §3).
                    source = java.util.Arrays.copyOfRange(p, at + 8, at + 24);
                    destination = java.util.Arrays.copyOfRange(p, at + 24, at + 40);
                    next = p[at + 6] & 0xff;
                    at += 40;
                    continue;
                }
                if (next == 43) {
                    destination = java.util.Arrays.copyOfRange(p, at + 8, at + 24);
                } else {
                    source = java.util.Arrays.copyOfRange(p, at + 8, at + 24);
                }
                next = p[at] & 0xff;
                at += ((p[at + 1] & 0xff) + 1) * 8;
            }
            if (next == 135 || next == 58) {
                assertEquals(0xffff, onesComplementSum(source, destination, next, p, at), "packet " + (checked + 1));
                checked++;
            }
        }
        assertEquals(PACKETS.size(), checked);
    }

    /** RFC 8200 §8.1 written out plainly: pseudo-header octets, then the upper-layer octets, summed in 16 bits. */
    private static int onesComplementSum(byte[] source, byte[] destination, int nextHeader, byte[] p, int at) {
        int length = p.length - at;
        byte[] all = new byte[40 + length + 1];
        System.arraycopy(source, 0, all, 0, 16);
        System.arraycopy(destination, 0, all, 16, 16);
        all[32] = (byte) (length >>> 24);
        all[33] = (byte) (length >>> 16);
        all[34] = (byte) (length >>> 8);
        all[35] = (byte) length;
        all[39] = (byte) nextHeader;
        System.arraycopy(p, at, all, 40, length);
        long sum = 0;
        for (int i = 0; i + 1 < all.length; i += 2) {
            sum += (all[i] & 0xff) * 256 + (all[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum >>> 16) + (sum & 0xffff);
        }
        return (int) sum;
    }
}
