package mobility.api.wire.icmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import mobility.api.wire.Hex;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.WireFormatException.Answer;

/** ICMPv6 messages of RFC 6275 §6.5 - §6.8 and §7 and RFC 4861, against octets written by hand from the layouts. */
class Icmpv6CodecTest {

    private static final Ipv6Address HA = Ipv6Address.parse("2001:db8::fe");
    private static final Ipv6Address HA2 = Ipv6Address.parse("2001:db8::fd");
    private static final Ipv6Address PREFIX = Ipv6Address.parse("2001:db8::");
    private static final byte[] MAC = Hex.bytes("020000000001");

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of(new HomeAgentAddressDiscoveryRequest(0x1234), "90 00 0000 | 1234 0000"),
                Arguments.of(new HomeAgentAddressDiscoveryReply(0x1234, List.of(HA, HA2)),
                        "91 00 0000 | 1234 0000 | 20010db80000000000000000000000fe | 20010db80000000000000000000000fd"),
                Arguments.of(new MobilePrefixSolicitation(0x4321), "92 00 0000 | 4321 0000"),
                Arguments.of(new MobilePrefixAdvertisement(0x4321, MobilePrefixAdvertisement.MANAGED_ADDRESS_CONFIGURATION,
                                List.of(new PrefixInformation(64, PrefixInformation.ON_LINK
                                        | PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION, 86400, 14400, PREFIX))),
                        "93 00 0000 | 4321 80 00 | 03 04 40 c0 00015180 00003840 00000000 20010db8000000000000000000000000"),
                Arguments.of(new RouterAdvertisement(64, RouterAdvertisement.HOME_AGENT, 1800, 0, 0, List.of(
                                new PrefixInformation(64, PrefixInformation.ON_LINK | PrefixInformation.ROUTER_ADDRESS,
                                        86400, 14400, HA),
                                new AdvertisementInterval(3000), new HomeAgentInformation(-5, 1800),
                                LinkLayerAddressOption.source(MAC))),
                        "86 00 0000 | 40 20 0708 | 00000000 | 00000000"
                                + " | 03 04 40 a0 00015180 00003840 00000000 20010db80000000000000000000000fe"
                                + " | 07 01 0000 00000bb8 | 08 01 0000 fffb 0708 | 01 01 020000000001"),
                Arguments.of(new RouterSolicitation(List.of(LinkLayerAddressOption.source(MAC))),
                        "85 00 0000 | 00000000 | 01 01 020000000001"),
                Arguments.of(new NeighborSolicitation(HA, List.of()),
                        "87 00 0000 | 00000000 | 20010db80000000000000000000000fe"),
                Arguments.of(new NeighborAdvertisement(NeighborAdvertisement.ROUTER | NeighborAdvertisement.OVERRIDE, HA,
                                List.of(LinkLayerAddressOption.target(MAC))),
                        "88 00 0000 | a0000000 | 20010db80000000000000000000000fe | 02 01 020000000001"),
                Arguments.of(new ParameterProblem(0, 41, Hex.bytes("6000")), "04 00 0000 | 00000029 | 6000"),
                Arguments.of(new OtherIcmpv6Message(128, 0, Hex.bytes("00010002")), "80 00 0000 | 00010002"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToTheOctetsOfTheLayoutAndBack(Icmpv6Message message, String octets) throws WireFormatException {
        byte[] out = Icmpv6Codec.encode(message, HA, HA2);
        byte[] expected = Hex.bytes(octets.replace("|", ""));
        out[2] = 0;
        out[3] = 0;
        assertEquals(Hex.of(expected), Hex.of(out));
        assertEquals(message, Icmpv6Codec.decodeUnverified(expected, 0, expected.length));
        byte[] checked = Icmpv6Codec.encode(message, HA, HA2);
        assertEquals(message, Icmpv6Codec.decode(checked, 0, checked.length, HA, HA2));
    }

    @Test
    void homeAgentPreferenceIsSigned() throws WireFormatException {
        byte[] in = Hex.bytes("86000000 40200708 00000000 00000000 08010000 8000ffff");
        RouterAdvertisement ra = (RouterAdvertisement) Icmpv6Codec.decodeUnverified(in, 0, in.length);
        assertEquals(new HomeAgentInformation(Short.MIN_VALUE, 65535), ra.options().get(0));
        assertEquals(true, ra.homeAgent());
    }

    private static WireFormatException rejected(String hex) {
        byte[] in = Hex.bytes(hex.replace("|", ""));
        return assertThrows(WireFormatException.class, () -> Icmpv6Codec.decodeUnverified(in, 0, in.length));
    }

    @Test
    void optionOfLengthZeroIsSilentlyDiscarded() {
        WireFormatException e = rejected("85 00 0000 | 00000000 | 01 00 000000000000");
        assertEquals(Answer.SILENT_DISCARD, e.answer());
        assertEquals(9, e.offset());
    }

    @Test
    void optionRunningPastTheEndIsSilentlyDiscarded() {
        assertEquals(9, rejected("85 00 0000 | 00000000 | 01 02 020000000001").offset());
    }

    @Test
    void nonZeroCodeIsSilentlyDiscarded() {
        assertEquals("Code", rejected("90 01 0000 | 1234 0000").field());
    }

    @Test
    void messagesShorterThanTheirMinimumAreSilentlyDiscarded() {
        assertEquals(Answer.SILENT_DISCARD, rejected("86 00 0000 | 40 20 0708 | 00000000").answer());
        assertEquals(Answer.SILENT_DISCARD, rejected("90 00 0000 | 12").answer());
        assertEquals(Answer.SILENT_DISCARD, rejected("90 00").answer());
    }

    @Test
    void homeAgentAddressListNotAMultipleOf16IsSilentlyDiscarded() {
        assertEquals("Home Agent Addresses", rejected("91 00 0000 | 1234 0000 | 20010db8").field());
    }

    @Test
    void knownOptionOfWrongLengthIsSilentlyDiscarded() {
        assertEquals("Home Agent Information Length",
                rejected("86000000 40200708 00000000 00000000 | 08 02 0000 0001 0708 0000000000000000").field());
    }

    @Test
    void prefixLengthAbove128IsSilentlyDiscarded() {
        assertEquals("Prefix Length", rejected("93 00 0000 | 4321 00 00 | 03 04 81 c0 00015180 00003840 00000000"
                + " 20010db8000000000000000000000000").field());
    }

    @Test
    void multicastTargetIsSilentlyDiscarded() {
        assertEquals("Target Address", rejected("87 00 0000 | 00000000 | ff020000000000000000000000000001").field());
    }

    @Test
    void badChecksumIsSilentlyDiscarded() {
        byte[] out = Icmpv6Codec.encode(new HomeAgentAddressDiscoveryRequest(1), HA, HA2);
        out[4] ^= 1;
        WireFormatException e = assertThrows(WireFormatException.class, () -> Icmpv6Codec.decode(out, 0, out.length, HA, HA2));
        assertEquals("Checksum", e.field());
        assertEquals(2, e.offset());
    }
}
