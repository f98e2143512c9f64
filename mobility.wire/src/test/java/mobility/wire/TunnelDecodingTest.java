package mobility.wire;

import static mobility.wire.Encapsulation.encapsulated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.ipv6.Ipv6Header;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.NonceIndices;

/**
 * The decoder follows the protocol through IPv6-in-IPv6 tunnels (RFC 2473): the Home Test Init and Home Test travel
 * through the home agent's tunnel (RFC 6275 §5.2.3, §10.4.5), so a capture on a visited link or the home agent's link
 * shows them inside it. Each line names the tunnel's addresses and the inner packet's, and a malformed inner packet
 * is reported, never the end of the run.
 */
class TunnelDecodingTest {

    private static final Ipv6PacketCodec CODEC = Ipv6PacketCodec.standard();
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:99::100");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address CN = Ipv6Address.parse("2001:db8:3::7");
    /** A mobile router and its home agent, whose tunnel a mobile node in its network sends through (RFC 3963). */
    private static final Ipv6Address ROUTER_CARE_OF = Ipv6Address.parse("2001:db8:aa::1");
    private static final Ipv6Address ROUTER_HA = Ipv6Address.parse("2001:db8:bb::1");

    /** HoTI: the mobile node reverse-tunnels it to its home agent, which sends it on from the home address (§5.2.5). */
    private static byte[] homeTestInit() {
        return encapsulated(CARE_OF, HA,
                CODEC.packet(new HomeTestInit(0x0102030405060708L)).source(HOME).destination(CN).build());
    }

    /** HoT: the correspondent answers the home address; the home agent tunnels it to the care-of address (§10.4.5). */
    private static byte[] homeTest() {
        return encapsulated(HA, CARE_OF, CODEC.packet(new HomeTest(0x1234, 0x0102030405060708L, 0xa1a2a3a4a5a6a7a8L))
                .source(CN).destination(HOME).build());
    }

    /** A route-optimization BU (§9.5.1) of a mobile node behind a mobile router, through the router's tunnel. */
    private static byte[] bindingUpdate() {
        return encapsulated(ROUTER_CARE_OF, ROUTER_HA, CODEC.packet(new BindingUpdate(258, BindingUpdate.ACKNOWLEDGE,
                60, new NonceIndices(7, 8), new BindingAuthorizationData(new Authenticator(0x0001020304050607L,
                        0x08090a0b)))).source(CARE_OF).destination(CN).homeAddressOption(HOME).build());
    }

    private static byte[] pcap(byte[]... packets) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(file)) {
            for (int i = 0; i < packets.length; i++) {
                w.write(packets[i], 0, packets[i].length, 1_700_000_000L + i, 0);
            }
        }
        return file.toByteArray();
    }

    /** The lines of {@code ./mobility pcap}, and its summary as the last element. */
    private static List<String> run(byte[] pcap, boolean json, boolean all) throws IOException {
        StringWriter out = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, new PcapCommand().run(new ByteArrayInputStream(pcap), out, new PrintStream(err, true), json, all));
        return java.util.stream.Stream.concat(out.toString().lines(), err.toString().lines()).toList();
    }

    @Test
    void tunnelledHomeTestShowsTheTunnelAndTheInnerPacket() throws IOException {
        assertEquals(List.of("1 tunnel 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100 Home Test"
                        + " homeNonceIndex=4660 homeInitCookie=0102030405060708 homeKeygenToken=a1a2a3a4a5a6a7a8"
                        + " checksum ok",
                "mobility pcap: 1 frames (raw IPv6): {MIPv6=1}"), run(pcap(homeTest()), false, false));
        assertEquals("{\"frame\":1,\"time\":\"1700000000.000000000\",\"length\":104,"
                        + "\"tunnel\":{\"source\":\"2001:db8:1::1\",\"destination\":\"2001:db8:99::100\"},"
                        + "\"source\":\"2001:db8:3::7\",\"destination\":\"2001:db8:1::100\",\"protocol\":\"Mobility Header\","
                        + "\"kind\":\"MIPv6\",\"message\":\"Home Test\",\"fields\":{\"homeNonceIndex\":4660,"
                        + "\"homeInitCookie\":\"0102030405060708\",\"homeKeygenToken\":\"a1a2a3a4a5a6a7a8\"},"
                        + "\"options\":[],\"checksum\":\"ok\"}",
                run(pcap(homeTest()), true, false).get(0));
    }

    @Test
    void reverseTunnelledHomeTestInitShowsItsCookie() throws IOException {
        assertEquals("1 tunnel 2001:db8:99::100 -> 2001:db8:1::1 | 2001:db8:1::100 -> 2001:db8:3::7 Home Test Init"
                + " homeInitCookie=0102030405060708 checksum ok", run(pcap(homeTestInit()), false, false).get(0));
        assertTrue(run(pcap(homeTestInit()), true, false).get(0).contains("\"tunnel\":{\"source\":\"2001:db8:99::100\","
                + "\"destination\":\"2001:db8:1::1\"},\"source\":\"2001:db8:1::100\",\"destination\":\"2001:db8:3::7\","
                + "\"protocol\":\"Mobility Header\",\"kind\":\"MIPv6\",\"message\":\"Home Test Init\","
                + "\"fields\":{\"homeInitCookie\":\"0102030405060708\"}"));
    }

    @Test
    void tunnelledBindingUpdateShowsItsHomeAddressNonceIndicesAndAuthenticator() throws IOException {
        assertEquals("1 tunnel 2001:db8:aa::1 -> 2001:db8:bb::1 | 2001:db8:99::100 -> 2001:db8:3::7 hoa 2001:db8:1::100"
                + " Binding Update sequenceNumber=258 flags=A lifetime=60 lifetimeSeconds=240 options=[Nonce Indices"
                + " homeNonceIndex=7,careOfNonceIndex=8, Binding Authorization Data"
                + " authenticator=000102030405060708090a0b] checksum ok", run(pcap(bindingUpdate()), false, false).get(0));
        String json = run(pcap(bindingUpdate()), true, false).get(0);
        assertTrue(json.contains("\"tunnel\":{\"source\":\"2001:db8:aa::1\",\"destination\":\"2001:db8:bb::1\"},"
                + "\"source\":\"2001:db8:99::100\",\"destination\":\"2001:db8:3::7\","
                + "\"homeAddressOption\":\"2001:db8:1::100\",\"protocol\":\"Mobility Header\""), json);
        assertTrue(json.contains("\"options\":[{\"type\":\"Nonce Indices\",\"homeNonceIndex\":7,\"careOfNonceIndex\":8},"
                + "{\"type\":\"Binding Authorization Data\",\"authenticator\":\"000102030405060708090a0b\"}],"
                + "\"checksum\":\"ok\"}"), json);
    }

    @Test
    void innerChecksumIsVerifiedWithTheInnerAddresses() throws IOException {
        byte[] bad = homeTest();
        bad[bad.length - 1] ^= 1;
        // The outer addresses are not the pseudo-header's: the inner packet verifies only with its own.
        byte[] outerSwapped = homeTest();
        Ipv6Address.parse("2001:db8:ffff::1").write(outerSwapped, Ipv6Header.SOURCE_ADDRESS);
        List<String> lines = run(pcap(bad, outerSwapped), false, false);
        assertTrue(lines.get(0).endsWith("homeKeygenToken=a1a2a3a4a5a6a7a9 checksum bad"), lines.get(0));
        assertTrue(lines.get(1).startsWith("2 tunnel 2001:db8:ffff::1 -> 2001:db8:99::100 | "), lines.get(1));
        assertTrue(lines.get(1).endsWith(" checksum ok"), lines.get(1));
        assertEquals("mobility pcap: 2 frames (raw IPv6): {MIPv6=2}", lines.get(2));
    }

    @Test
    void truncatedInnerPacketIsReportedAndTheRunGoesOn() throws IOException {
        byte[] inner = CODEC.packet(new HomeTest(0x1234, 1L, 2L)).source(CN).destination(HOME).build();
        byte[] cut = encapsulated(HA, CARE_OF, Arrays.copyOf(inner, 50));
        byte[] stub = encapsulated(HA, CARE_OF, Arrays.copyOf(inner, 20));
        List<String> lines = run(pcap(cut, stub, homeTest()), false, false);
        assertEquals("1 tunnel 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100 next header"
                + " Mobility Header MALFORMED IPv6 header: Payload Length at offset 4: Payload Length 24 but only 10"
                + " octets follow the header (truncated) (silent discard)"
                + " [the error's offset counts from the inner packet's first octet]", lines.get(0));
        assertTrue(lines.get(1).startsWith("2 tunnel 2001:db8:1::1 -> 2001:db8:99::100 | MALFORMED IPv6 header:"
                + " Payload Length at offset 0: only 20 octets"), lines.get(1));
        assertTrue(lines.get(2).startsWith("3 tunnel ") && lines.get(2).endsWith("checksum ok"), lines.get(2));
        assertEquals("mobility pcap: 3 frames (raw IPv6): {MIPv6=1, malformed=2}", lines.get(3));
        String json = run(pcap(cut), true, false).get(0);
        assertTrue(json.contains("\"tunnel\":{\"source\":\"2001:db8:1::1\",\"destination\":\"2001:db8:99::100\"},"
                + "\"source\":\"2001:db8:3::7\",\"destination\":\"2001:db8:1::100\",\"nextHeader\":\"Mobility Header\","
                + "\"kind\":\"malformed\",\"error\":{\"message\":\"IPv6 header\",\"field\":\"Payload Length\","), json);
    }

    @Test
    void tunnelledFrameTheCaptureCutShortIsDescribedFromWhatWasCaptured() throws IOException {
        byte[] full = homeTest();
        byte[] file = pcap(Arrays.copyOf(full, full.length - 8));
        // The record's original length (after the 24-octet file header: seconds, microseconds, captured, original).
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 12, full.length);
        String line = run(file, false, false).get(0);
        assertTrue(line.startsWith("1 tunnel 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100"
                + " next header Mobility Header MALFORMED IPv6 header: Payload Length"), line);
        assertTrue(line.contains("[truncated capture: 96 of 104 octets]"), line);
        assertTrue(line.contains("capture cut short"), line);
    }

    @Test
    void nestedTunnelsAreFollowedToAFixedDepth() throws IOException {
        byte[] twice = encapsulated(ROUTER_CARE_OF, ROUTER_HA, homeTest());
        assertTrue(run(pcap(twice), false, false).get(0).startsWith("1 tunnel 2001:db8:aa::1 -> 2001:db8:bb::1 | tunnel"
                + " 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100 Home Test homeNonceIndex=4660"));
        assertTrue(run(pcap(twice), true, false).get(0).contains("\"tunnel\":{\"source\":\"2001:db8:aa::1\","
                + "\"destination\":\"2001:db8:bb::1\",\"tunnel\":{\"source\":\"2001:db8:1::1\","
                + "\"destination\":\"2001:db8:99::100\"}},\"source\":\"2001:db8:3::7\""));
        byte[] deepest = homeTest();
        for (int i = 1; i < Tunnel.MAX_DEPTH; i++) {
            deepest = encapsulated(ROUTER_CARE_OF, ROUTER_HA, deepest);
        }
        assertTrue(run(pcap(deepest), false, false).get(0).endsWith("checksum ok"));
        byte[] tooDeep = encapsulated(ROUTER_CARE_OF, ROUTER_HA, deepest);
        assertEquals(List.of("mobility pcap: 1 frames (raw IPv6): {not MIPv6=1}"), run(pcap(tooDeep), false, false));
        String line = run(pcap(tooDeep), false, true).get(0);
        // Four tunnels followed; the fifth, the home agent's, is the packet shown.
        assertTrue(line.endsWith("| 2001:db8:1::1 -> 2001:db8:99::100 IPv6-in-IPv6 [more than 4 tunnels deep"
                + " (RFC 2473 §6.6): not followed]"), line);
        assertEquals(Tunnel.MAX_DEPTH, line.split("tunnel ", -1).length - 1, line);
    }

    @Test
    void tunnelledTrafficOtherThanMobileIpv6IsShownOnlyWithAll() throws IOException {
        byte[] empty = encapsulated(HOME, CN, new byte[0]);
        NetworkBytes.put8(empty, Ipv6Header.NEXT_HEADER, 59);
        byte[] data = encapsulated(CARE_OF, HA, empty);
        assertEquals(List.of("mobility pcap: 1 frames (raw IPv6): {not MIPv6=1}"), run(pcap(data), false, false));
        assertEquals("1 tunnel 2001:db8:99::100 -> 2001:db8:1::1 | 2001:db8:1::100 -> 2001:db8:3::7 No Next Header",
                run(pcap(data), false, true).get(0));
    }

    @Test
    void decodeCommandShowsATunnelledHomeTest() {
        DecodeCommand decode = new DecodeCommand(CODEC);
        String hex = NetworkBytes.hex(homeTest(), 0, homeTest().length);
        assertEquals("tunnel 2001:db8:1::1 -> 2001:db8:99::100 | 2001:db8:3::7 -> 2001:db8:1::100 Home Test"
                + " homeNonceIndex=4660 homeInitCookie=0102030405060708 homeKeygenToken=a1a2a3a4a5a6a7a8 checksum ok",
                decode.decode(false, hex));
        assertEquals("{\"length\":104,\"tunnel\":{\"source\":\"2001:db8:1::1\",\"destination\":\"2001:db8:99::100\"},"
                + "\"source\":\"2001:db8:3::7\",\"destination\":\"2001:db8:1::100\",\"protocol\":\"Mobility Header\","
                + "\"kind\":\"MIPv6\",\"message\":\"Home Test\",\"fields\":{\"homeNonceIndex\":4660,"
                + "\"homeInitCookie\":\"0102030405060708\",\"homeKeygenToken\":\"a1a2a3a4a5a6a7a8\"},"
                + "\"options\":[],\"checksum\":\"ok\"}", decode.decode(true, hex.substring(0, 40), hex.substring(40)));
        Map<String, Object> d = new PacketDescriber(CODEC).octets(homeTest());
        assertEquals(Map.of("source", "2001:db8:1::1", "destination", "2001:db8:99::100"), d.get("tunnel"));
    }
}
