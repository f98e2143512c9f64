package mobility.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NeighborSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.MobileNetworkPrefix;
import mobility.api.wire.mh.NonceIndices;

/**
 * The pcap decoder renders most lines straight from the decoded packet and the rest from their description: both
 * must give, for every frame, the line {@link Render} gives for {@link PacketDescriber}'s description.
 */
class LineRendererTest {

    private static final Ipv6PacketCodec CODEC = Ipv6PacketCodec.standard();
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8:1::100");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:99:0:1:0:0:100");
    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address CN = Ipv6Address.parse("::ffff:c000:207");

    private static byte[] capture() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        packets.add(CODEC.packet(new BindingUpdate(258, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION,
                900, new AlternateCareOfAddress(CARE_OF), new NonceIndices(7, 8),
                new BindingAuthorizationData(new Authenticator(0x0001020304050607L, 0x08090a0b))))
                .source(CARE_OF).destination(HA).homeAddressOption(HOME).build());
        packets.add(CODEC.packet(new BindingUpdate(9, BindingUpdate.MOBILE_ROUTER, 100,
                new MobileNetworkPrefix(48, Ipv6Address.parse("2001:db8:77::")))).source(CARE_OF).destination(HA).build());
        packets.add(CODEC.packet(new BindingAcknowledgement(136, 0, 3, 0, new BindingRefreshAdvice(200)))
                .source(HA).destination(CARE_OF).type2RoutingHeader(HOME).build());
        packets.add(CODEC.packet(new BindingError(2, HOME)).source(CN).destination(Ipv6Address.UNSPECIFIED).build());
        packets.add(CODEC.packet(new HomeTest(0x1234, 1L, -1L)).source(CN).destination(HOME).build());
        packets.add(CODEC.packet(new HomeAgentAddressDiscoveryReply(0x2222, List.of(HA, CN))).source(HA)
                .destination(CARE_OF).build());
        packets.add(CODEC.packet(new RouterAdvertisement(64, RouterAdvertisement.HOME_AGENT, 1800, 0, 0, List.of(
                new PrefixInformation(64, PrefixInformation.ROUTER_ADDRESS, 86400, 14400, HA),
                new AdvertisementInterval(3000), new HomeAgentInformation(-5, 1800),
                LinkLayerAddressOption.source(new byte[] {2, 0, 0, 0, 0, 1})))).source(Ipv6Address.parse("fe80::1"))
                .destination(Ipv6Address.parse("ff02::1")).build());
        packets.add(CODEC.packet(new NeighborSolicitation(HOME, List.of())).source(Ipv6Address.UNSPECIFIED)
                .destination(Ipv6Address.parse("ff02::1:ff00:100")).build());
        byte[] badChecksum = packets.get(0).clone();
        badChecksum[badChecksum.length - 1] ^= 1;
        packets.add(badChecksum);
        byte[] unknownType = packets.get(4).clone();
        unknownType[42] = 99;
        packets.add(unknownType);
        packets.add(Arrays.copyOf(packets.get(1), 30));
        // Through tunnels (RFC 2473): a HoT, a BU with its home address, an ICMPv6 message, nested, malformed inside.
        packets.add(Encapsulation.encapsulated(HA, CARE_OF, packets.get(4)));
        packets.add(Encapsulation.encapsulated(CARE_OF, HA, packets.get(0)));
        packets.add(Encapsulation.encapsulated(CARE_OF, HA, packets.get(5)));
        packets.add(Encapsulation.encapsulated(CN, HA, Encapsulation.encapsulated(HA, CARE_OF, packets.get(2))));
        packets.add(Encapsulation.encapsulated(HA, CARE_OF, badChecksum));
        packets.add(Encapsulation.encapsulated(HA, CARE_OF, unknownType));
        packets.add(Encapsulation.encapsulated(HA, CARE_OF, Arrays.copyOf(packets.get(1), 50)));
        return pcap(packets);
    }

    private static byte[] pcap(List<byte[]> packets) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(file)) {
            for (int i = 0; i < packets.size(); i++) {
                w.write(packets.get(i), 0, packets.get(i).length, 1_700_000_000L + i, i * 7);
            }
        }
        return file.toByteArray();
    }

    private static void sameLinesAsTheDescription(byte[] pcap) throws IOException {
        for (boolean json : new boolean[] {false, true}) {
            List<String> expected = new ArrayList<>();
            PacketDescriber describer = new PacketDescriber(CODEC);
            PcapReader reader = new PcapReader(new ByteArrayInputStream(pcap));
            Frame frame = new Frame();
            try {
                while (reader.next(frame)) {
                    var d = describer.frame(frame, reader.linkType());
                    expected.add(json ? Render.json(d) : Render.text(d));
                }
            } catch (PcapFormatException e) {
                // a capture cut short: the frames before it are what both show
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PcapCommand().run(new ByteArrayInputStream(pcap), out, new PrintStream(new ByteArrayOutputStream()),
                    json, true);
            assertEquals(expected, out.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void everyKindOfFrameHasTheLineItsDescriptionHas() throws IOException {
        sameLinesAsTheDescription(capture());
    }

    /** Every octet of a tunnelled HoT and BU changed, and every length: the inner packet malformed every way. */
    @Test
    void everyMutationOfATunnelledPacketHasTheLineItsDescriptionHas() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        for (byte[] p : List.of(
                Encapsulation.encapsulated(HA, CARE_OF, CODEC.packet(new HomeTest(0x1234, 1L, -1L)).source(CN)
                        .destination(HOME).build()),
                Encapsulation.encapsulated(CARE_OF, HA, CODEC.packet(new BindingUpdate(7, BindingUpdate.ACKNOWLEDGE,
                        60, new NonceIndices(7, 8), new BindingAuthorizationData(new Authenticator(1L, 2))))
                        .source(CARE_OF).destination(CN).homeAddressOption(HOME).build()))) {
            for (int i = 0; i < p.length; i++) {
                for (int flip : new int[] {0x01, 0x80, 0xff}) {
                    byte[] m = p.clone();
                    m[i] ^= (byte) flip;
                    packets.add(m);
                }
                packets.add(Arrays.copyOf(p, i));
            }
        }
        sameLinesAsTheDescription(pcap(packets));
    }

    @Test
    void everyFrameOfTheTcpdumpCapturesHasTheLineItsDescriptionHas() throws IOException {
        Path captures = Stream.of(Path.of("../../shared/captures/tcpdump"), Path.of("/work/shared/captures/tcpdump"))
                .filter(Files::isDirectory).findFirst().orElse(null);
        Assumptions.assumeTrue(captures != null, "shared/captures/tcpdump is not beside the repository");
        try (Stream<Path> files = Files.list(captures)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    sameLinesAsTheDescription(in.readAllBytes());
                }
            }
        }
    }
}
