package mobility.api.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import mobility.api.wire.Hex;
import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.RandomMessages;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.WireFormatException.Answer;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.ParameterProblem;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.rr.BindingManagementKey;

class Ipv6PacketCodecTest {

    private static final Ipv6PacketCodec CODEC = Ipv6PacketCodec.standard();
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:2::5");
    private static final Ipv6Address HOME_AGENT = Ipv6Address.parse("2001:db8::fe");
    private static final Ipv6Address CORRESPONDENT = Ipv6Address.parse("2001:db8:3::7");

    private static final BindingUpdate HOME_BU = new BindingUpdate(5, BindingUpdate.ACKNOWLEDGE
            | BindingUpdate.HOME_REGISTRATION, 100);

    @Test
    void bindingUpdateWithHomeAddressOptionIsLaidOutAsRfc6275Section63Says() throws WireFormatException {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        // IPv6 header: version 6, payload 24 + 16, next header 60 (Destination Options), hop limit 64
        assertEquals("60000000" + "0028" + "3c" + "40", Hex.of(packet).substring(0, 16));
        // Destination Options: next header 135, Hdr Ext Len 2, PadN(2), Home Address option 201 at 8n+6
        assertEquals("8702" + "01020000" + "c910" + "20010db8000000000000000000000001", Hex.of(packet).substring(80, 128));
        Ipv6Packet decoded = CODEC.decode(packet, 0, packet.length);
        assertEquals(CARE_OF, decoded.source());
        assertEquals(HOME, decoded.homeAddressOption().orElseThrow());
        assertEquals(HOME, decoded.homeAddressOptionOrNull());
        assertNull(decoded.routingHeaderHomeAddressOrNull());
        assertEquals(HOME, decoded.effectiveSource());
        assertEquals(HOME_BU, decoded.mobilityMessage().orElseThrow());
        assertEquals(HOME_BU, decoded.mobilityMessageOrNull());
        assertNull(decoded.icmpv6MessageOrNull());
        assertEquals(Ipv6Packet.Checksum.VALID, decoded.checksum());
        assertEquals(64, decoded.upperLayerOffset());
    }

    @Test
    void checksumUsesTheHomeAddressOfTheOptionNotTheCareOfSource() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        assertTrue(MobilityHeaderCodec.checksumVerifies(packet, 64, 16, HOME, HOME_AGENT));
        assertFalse(MobilityHeaderCodec.checksumVerifies(packet, 64, 16, CARE_OF, HOME_AGENT));
    }

    @Test
    void bindingAcknowledgementWithType2RoutingHeaderIsLaidOutAsSection64Says() throws WireFormatException {
        BindingAcknowledgement ba = new BindingAcknowledgement(0, 0, 5, 100);
        byte[] packet = CODEC.packet(ba).source(HOME_AGENT).destination(CARE_OF).type2RoutingHeader(HOME).build();
        assertEquals("2b", Hex.of(packet).substring(12, 14));
        // Next Header 135, Hdr Ext Len 2, Routing Type 2, Segments Left 1, Reserved, Home Address
        assertEquals("87020201" + "00000000" + "20010db8000000000000000000000001", Hex.of(packet).substring(80, 128));
        Ipv6Packet decoded = CODEC.decode(packet, 0, packet.length);
        assertEquals(HOME, decoded.routingHeaderHomeAddress().orElseThrow());
        assertEquals(HOME, decoded.routingHeaderHomeAddressOrNull());
        assertNull(decoded.homeAddressOptionOrNull());
        assertEquals(HOME, decoded.effectiveDestination());
        assertTrue(MobilityHeaderCodec.checksumVerifies(packet, 64, 16, HOME_AGENT, HOME));
        assertEquals(ba, decoded.mobilityMessage().orElseThrow());
    }

    @Test
    void builtPacketsOfRandomMessagesDecodeToTheSameMessages() throws WireFormatException {
        Random random = new Random(3963);
        RandomMessages messages = new RandomMessages(random);
        for (int i = 0; i < 3000; i++) {
            MobilityMessage m = messages.mobilityMessage();
            Ipv6PacketBuilder builder = CODEC.packet(m).source(messages.unicast()).destination(messages.unicast());
            if (random.nextBoolean()) {
                builder.homeAddressOption(messages.unicast());
            }
            if (random.nextBoolean()) {
                builder.type2RoutingHeader(messages.unicast());
            }
            byte[] packet = builder.build();
            assertEquals(m, CODEC.decode(packet, 0, packet.length).mobilityMessage().orElseThrow(), "case " + i);
            Icmpv6Message icmp = messages.icmpv6Message();
            byte[] icmpPacket = CODEC.packet(icmp).source(messages.unicast()).destination(messages.unicast()).build();
            assertEquals(icmp, CODEC.decode(icmpPacket, 0, icmpPacket.length).icmpv6Message().orElseThrow(), "case " + i);
            assertEquals(icmp, CODEC.decode(icmpPacket, 0, icmpPacket.length).icmpv6MessageOrNull(), "case " + i);
        }
    }

    @Test
    void signedBindingUpdateVerifiesAtTheCorrespondentNode() throws WireFormatException {
        BindingManagementKey kbm = BindingManagementKey.of(0x1111, 0x2222);
        BindingUpdate bu = new BindingUpdate(9, BindingUpdate.ACKNOWLEDGE, 10, new NonceIndices(3, 4),
                BindingAuthorizationData.UNSIGNED);
        byte[] packet = CODEC.packet(bu).source(CARE_OF).destination(CORRESPONDENT).homeAddressOption(HOME)
                .authorize(kbm, CARE_OF, CORRESPONDENT).build();
        Ipv6Packet decoded = CODEC.decode(packet, 0, packet.length);
        MobilityMessage m = decoded.mobilityMessage().orElseThrow();
        assertTrue(kbm.verifies(CARE_OF, CORRESPONDENT, packet, decoded.upperLayerOffset(), decoded.upperLayerLength(), m));
    }

    @Test
    void errorOffsetsCountFromTheIpv6HeaderSoTheyArePointers() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        packet[64 + 1] = 0;
        MobilityHeaderCodec.fillChecksum(packet, 64, 8, HOME, HOME_AGENT);
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.decode(packet, 0, packet.length));
        assertEquals(Answer.PARAMETER_PROBLEM, e.answer());
        assertEquals(65, e.offset());
        ParameterProblem answer = ParameterProblem.answering(e, packet, 0, packet.length);
        assertEquals(65, answer.pointer());
        assertArrayEquals(packet, answer.invokingPacket());
    }

    @Test
    void badChecksumIsDiscardedByDecodeAndReportedByInspect() throws WireFormatException {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).build();
        packet[44] ^= 0x55;
        assertEquals(Answer.SILENT_DISCARD,
                assertThrows(WireFormatException.class, () -> CODEC.decode(packet, 0, packet.length)).answer());
        Ipv6Packet inspected = CODEC.inspect(packet, 0, packet.length);
        assertEquals(Ipv6Packet.Checksum.INVALID, inspected.checksum());
        assertEquals(HOME_BU, inspected.mobilityMessage().orElseThrow());
    }

    @Test
    void type2RoutingHeaderWithSegmentsLeftOtherThan1GivesParameterProblem() {
        byte[] packet = CODEC.packet(HOME_BU).source(HOME_AGENT).destination(CARE_OF).type2RoutingHeader(HOME).build();
        packet[43] = 2;
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length));
        assertEquals("Segments Left", e.field());
        assertEquals(43, e.offset());
        assertEquals(Answer.PARAMETER_PROBLEM, e.answer());
    }

    @Test
    void type2RoutingHeaderWithHdrExtLenOtherThan2GivesParameterProblem() {
        byte[] packet = CODEC.packet(HOME_BU).source(HOME_AGENT).destination(CARE_OF).type2RoutingHeader(HOME).build();
        packet[41] = 1;
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length));
        assertEquals("Hdr Ext Len", e.field());
        assertEquals(41, e.offset());
    }

    @Test
    void misalignedHomeAddressOptionIsSilentlyDiscarded() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        // Pad1 Pad1 PadN(0) instead of PadN(2) keeps the length but moves nothing; move the option two octets left.
        byte[] moved = packet.clone();
        System.arraycopy(packet, 46, moved, 42, 18);
        moved[60] = 1;
        moved[61] = 0;
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.inspect(moved, 0, moved.length));
        assertEquals("Home Address option", e.messageName());
        assertEquals(42, e.offset());
    }

    @Test
    void unknownDestinationOptionAsksForWhatItsHighBitsSay() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        packet[46] = (byte) 0x89;
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length));
        assertEquals(Answer.PARAMETER_PROBLEM, e.answer());
        assertEquals(WireFormatException.UNRECOGNIZED_IPV6_OPTION, e.code());
        assertEquals(46, e.offset());
        packet[46] = 0x49;
        assertEquals(Answer.SILENT_DISCARD,
                assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length)).answer());
    }

    @Test
    void truncatedPacketsAreSilentlyDiscarded() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).homeAddressOption(HOME).build();
        for (int length = 0; length < packet.length; length++) {
            int n = length;
            WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, n));
            assertEquals(Answer.SILENT_DISCARD, e.answer(), "length " + length);
        }
    }

    @Test
    void versionOtherThan6IsSilentlyDiscarded() {
        byte[] packet = CODEC.packet(HOME_BU).source(CARE_OF).destination(HOME_AGENT).build();
        packet[0] = 0x45;
        assertEquals("Version",
                assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length)).field());
    }

    @Test
    void neighborDiscoveryWithHopLimitBelow255IsSilentlyDiscarded() {
        byte[] packet = CODEC.packet(new NeighborAdvertisement(NeighborAdvertisement.OVERRIDE, HOME, List.of()))
                .source(HOME_AGENT).destination(Ipv6Address.parse("ff02::1")).build();
        assertEquals(255, packet[7] & 0xff);
        packet[7] = 64;
        assertEquals("Hop Limit",
                assertThrows(WireFormatException.class, () -> CODEC.inspect(packet, 0, packet.length)).field());
    }

    @Test
    void otherProtocolsAndFragmentsAreReturnedUndecoded() throws WireFormatException {
        byte[] packet = CODEC.packet(new HomeAgentAddressDiscoveryRequest(1)).source(CARE_OF).destination(HOME_AGENT)
                .build();
        packet[6] = IpProtocol.UDP;
        Ipv6Packet udp = CODEC.inspect(packet, 0, packet.length);
        assertEquals(IpProtocol.UDP, udp.upperLayerProtocol());
        assertTrue(udp.icmpv6Message().isEmpty());
        assertEquals(Ipv6Packet.Checksum.NOT_APPLICABLE, udp.checksum());
        byte[] fragment = Hex.bytes("6000000000103a40" + "20010db8000000000000000000000001".repeat(2)
                + "3a00000100000001" + "9000000000010000");
        fragment[6] = IpProtocol.FRAGMENT;
        Ipv6Packet f = CODEC.inspect(fragment, 0, fragment.length);
        assertTrue(f.fragment());
        assertEquals(IpProtocol.ICMPV6, f.upperLayerProtocol());
        assertTrue(f.icmpv6Message().isEmpty());
    }
}
