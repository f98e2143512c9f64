package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.ipv6.Ipv6Packet;
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

import mobility.api.net.Ipv6Address;

/**
 * Independent oracle: packets built by Debian's python3-scapy MIPv6 layer (scapy_mip6.py beside this test, which
 * also lets scapy compute the checksums) decode with our codec, checksums verified, into the messages scapy was
 * told to build. Skipped when /usr/bin/python3 or scapy is missing (Debian package python3-scapy).
 */
class ScapyOracleTest {

    private static final Ipv6Address MN = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address COA = Ipv6Address.parse("2001:db8:99::100");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");

    private static Map<String, byte[]> packets;

    @BeforeAll
    static void buildWithScapy(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3: scapy oracle skipped");
        Path script = dir.resolve("scapy_mip6.py");
        try (InputStream in = ScapyOracleTest.class.getResourceAsStream("scapy_mip6.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        Assumptions.assumeFalse(out.contains("No module named 'scapy'"),
                "python3-scapy is not installed (Debian package python3-scapy): scapy oracle skipped");
        assertEquals(0, p.exitValue(), out);
        packets = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                packets.put(parts[0], NetworkBytes.fromHex(parts[1]));
            }
        }
    }

    private static Ipv6Packet decoded(String name) throws WireFormatException {
        byte[] b = packets.get(name);
        return Ipv6PacketCodec.standard().decode(b, 0, b.length);
    }

    private static Object message(String name) throws WireFormatException {
        Ipv6Packet p = decoded(name);
        return p.mobilityMessage().isPresent() ? p.mobilityMessage().get() : p.icmpv6Message().orElseThrow();
    }

    @Test
    void everyScapyMobilityHeaderDecodesWithItsChecksumVerified() throws WireFormatException {
        assertEquals(new BindingRefreshRequest(), message("brr"));
        assertEquals(new HomeTestInit(0x0102030405060708L), message("hoti"));
        assertEquals(new CareOfTestInit(0x1112131415161718L), message("coti"));
        assertEquals(new HomeTest(0x1234, 0x0102030405060708L, 0x2122232425262728L), message("hot"));
        assertEquals(new CareOfTest(0x4321, 0x1112131415161718L, 0x3132333435363738L), message("cot"));
        assertEquals(new BindingError(2, MN), message("be"));
    }

    @Test
    void scapyBindingUpdateWithHomeAddressOptionAndOptionsDecodes() throws WireFormatException {
        Ipv6Packet p = decoded("bu");
        assertEquals(MN, p.homeAddressOption().orElseThrow());
        assertEquals(new BindingUpdate(258, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                        | BindingUpdate.KEY_MANAGEMENT_MOBILITY_CAPABILITY, 900, new AlternateCareOfAddress(COA),
                        new NonceIndices(7, 8), new BindingAuthorizationData(Authenticator.of(
                                NetworkBytes.fromHex("000102030405060708090a0b")))),
                p.mobilityMessage().orElseThrow());
        assertEquals(new BindingUpdate(9, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                        | BindingUpdate.MOBILE_ROUTER, 100, new MobileNetworkPrefix(48, Ipv6Address.parse("2001:db8:77::"))),
                message("bu_nemo"));
    }

    @Test
    void scapyBindingAcknowledgementWithType2RoutingHeaderDecodes() throws WireFormatException {
        Ipv6Packet p = decoded("ba");
        assertEquals(MN, p.routingHeaderHomeAddress().orElseThrow());
        assertEquals(new BindingAcknowledgement(0, BindingAcknowledgement.KEY_MANAGEMENT_MOBILITY_CAPABILITY, 258, 900,
                new BindingRefreshAdvice(200)), p.mobilityMessage().orElseThrow());
    }

    @Test
    void scapyIcmpv6MessagesOfMobileIpv6Decode() throws WireFormatException {
        assertEquals(new HomeAgentAddressDiscoveryRequest(0x2222), message("haad_request"));
        assertEquals(new HomeAgentAddressDiscoveryReply(0x2222, List.of(HA)), message("haad_reply"));
        assertEquals(new MobilePrefixSolicitation(0x3333), message("mps"));
        MobilePrefixAdvertisement mpa = (MobilePrefixAdvertisement) message("mpa");
        assertEquals(0x3333, mpa.identifier());
        assertTrue(mpa.otherConfiguration());
        assertEquals(Ipv6Address.parse("2001:db8:1::"), ((PrefixInformation) mpa.options().get(0)).prefix());
        RouterAdvertisement ra = (RouterAdvertisement) message("ra");
        assertTrue(ra.homeAgent());
        assertEquals(List.of(new AdvertisementInterval(3000), new HomeAgentInformation(-5, 1800)), ra.options());
    }
}
