package mobility.api.wire.mh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import mobility.api.wire.Hex;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.WireFormatException;

/**
 * Every message and option against octets written by hand from the layouts of RFC 6275 §6.1 - §6.2 and RFC 3963
 * §4 (checksum field zero: the checksum has its own tests). Each case encodes to exactly these octets and decodes
 * back to an equal message.
 */
class MobilityHeaderGoldenTest {

    private static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address HOME_2 = Ipv6Address.parse("2001:db8::2");
    private static final Authenticator AUTH = Authenticator.of(Hex.bytes("000102030405060708090a0b"));
    private static final int AHK = BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
            | BindingUpdate.KEY_MANAGEMENT_MOBILITY_CAPABILITY;

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("Binding Refresh Request",
                        new BindingRefreshRequest(),
                        // Payload Proto 59, Header Len 0, MH Type 0, Reserved | Checksum | Reserved
                        "3b 00 00 00 | 0000 | 0000"),
                Arguments.of("Home Test Init",
                        new HomeTestInit(0x0102030405060708L),
                        "3b 01 01 00 | 0000 | 0000 | 0102030405060708"),
                Arguments.of("Care-of Test Init",
                        new CareOfTestInit(0x1112131415161718L),
                        "3b 01 02 00 | 0000 | 0000 | 1112131415161718"),
                Arguments.of("Home Test",
                        new HomeTest(0x1234, 0x0102030405060708L, 0xa1a2a3a4a5a6a7a8L),
                        "3b 02 03 00 | 0000 | 1234 | 0102030405060708 | a1a2a3a4a5a6a7a8"),
                Arguments.of("Care-of Test",
                        new CareOfTest(0x4321, 0x1112131415161718L, 0xb1b2b3b4b5b6b7b8L),
                        "3b 02 04 00 | 0000 | 4321 | 1112131415161718 | b1b2b3b4b5b6b7b8"),
                Arguments.of("Binding Update, no option: PadN(2) fills to 16",
                        new BindingUpdate(0x0102, AHK, 0x0010),
                        // Sequence # | A H . K | Lifetime | PadN len 2
                        "3b 01 05 00 | 0000 | 0102 | d000 | 0010 | 01 02 0000"),
                Arguments.of("Binding Update from a mobile router with a Mobile Network Prefix at 8n+4",
                        new BindingUpdate(7, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                                | BindingUpdate.MOBILE_ROUTER, 0x0100,
                                new MobileNetworkPrefix(48, Ipv6Address.parse("2001:db8:1::"))),
                        "3b 03 05 00 | 0000 | 0007 | c400 | 0100 | 06 12 00 30 20010db8000100000000000000000000"),
                Arguments.of("Binding Update with every flag",
                        new BindingUpdate(0xffff, BindingUpdate.FLAG_MASK, 0xffff),
                        "3b 01 05 00 | 0000 | ffff | fc00 | ffff | 01 02 0000"),
                Arguments.of("Binding Update to the home agent: Alternate CoA at 8n+6, Nonce Indices at 2n, "
                                + "Binding Authorization Data at 8n+2, last",
                        new BindingUpdate(0x0102, AHK, 0x0010, new NonceIndices(1, 2),
                                new BindingAuthorizationData(AUTH),
                                new AlternateCareOfAddress(Ipv6Address.parse("2001:db8::1"))),
                        "3b 06 05 00 | 0000 | 0102 | d000 | 0010 | 01 00 | 03 10 20010db8000000000000000000000001"
                                + " | 04 04 0001 0002 | 01 02 0000 | 05 0c 000102030405060708090a0b"),
                Arguments.of("Binding Update with an unknown option and a Pad1 before the authorization data",
                        new BindingUpdate(0x0102, AHK, 0x0010, new UnknownMobilityOption(200, Hex.bytes("aabbcc")),
                                new BindingAuthorizationData(AUTH)),
                        "3b 03 05 00 | 0000 | 0102 | d000 | 0010 | c8 03 aabbcc | 00 | 05 0c 000102030405060708090a0b"),
                Arguments.of("Binding Acknowledgement with Binding Refresh Advice at 2n",
                        new BindingAcknowledgement(BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED,
                                BindingAcknowledgement.KEY_MANAGEMENT_MOBILITY_CAPABILITY
                                        | BindingAcknowledgement.MOBILE_ROUTER, 0x0102, 0x0010,
                                new BindingRefreshAdvice(4)),
                        // Status | K R | Sequence # | Lifetime | BRA
                        "3b 01 06 00 | 0000 | 00 | c0 | 0102 | 0010 | 02 02 0004"),
                Arguments.of("Binding Acknowledgement with authorization data: PadN(4) to reach 8n+2",
                        new BindingAcknowledgement(BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW, 0,
                                0x0203, 0, new BindingAuthorizationData(AUTH)),
                        "3b 03 06 00 | 0000 | 87 | 00 | 0203 | 0000 | 01 04 00000000 | 05 0c 000102030405060708090a0b"),
                Arguments.of("Binding Error",
                        new BindingError(BindingError.UNRECOGNIZED_MH_TYPE, HOME_2),
                        "3b 02 07 00 | 0000 | 02 | 00 | 20010db8000000000000000000000002"),
                Arguments.of("Binding Refresh Request with an unknown option, skipped but kept",
                        new BindingRefreshRequest(new UnknownMobilityOption(200, Hex.bytes("aabb"))),
                        "3b 01 00 00 | 0000 | 0000 | c8 02 aabb | 01 02 0000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesToTheOctetsOfTheRfcLayout(String name, MobilityMessage message, String octets) {
        byte[] expected = Hex.bytes(octets.replace("|", ""));
        byte[] out = new byte[CODEC.encodedLength(message)];
        CODEC.encodeUnchecksummed(message, out, 0);
        assertEquals(Hex.of(expected), Hex.of(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesTheOctetsOfTheRfcLayoutToTheSameMessage(String name, MobilityMessage message, String octets)
            throws WireFormatException {
        byte[] in = Hex.bytes(octets.replace("|", ""));
        MobilityMessage decoded = CODEC.decodeUnverified(in, 0, in.length);
        assertEquals(message, decoded);
        assertEquals(message.options(), decoded.options());
        List<MobilityOption> handed = new ArrayList<>();
        decoded.forEachOption(handed::add);
        assertEquals(decoded.options(), handed, "forEachOption hands the options of options(), in its order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void checksummedMessageDecodesWithTheSamePseudoHeader(String name, MobilityMessage message, String octets)
            throws WireFormatException {
        byte[] out = CODEC.encode(message, HOME, HOME_2);
        assertEquals(message, CODEC.decode(out, 0, out.length, HOME, HOME_2));
    }

    @org.junit.jupiter.api.Test
    void decodedFieldsReadAsTheRfcNamesThem() throws WireFormatException {
        byte[] in = Hex.bytes("3b06050000000102d00000100100031020010db8000000000000000000000001"
                + "04040001000201020000050c000102030405060708090a0b");
        BindingUpdate bu = (BindingUpdate) CODEC.decodeUnverified(in, 0, in.length);
        assertEquals(0x0102, bu.sequenceNumber());
        assertEquals(true, bu.acknowledge());
        assertEquals(true, bu.homeRegistration());
        assertEquals(false, bu.linkLocalAddressCompatibility());
        assertEquals(true, bu.keyManagementMobilityCapability());
        assertEquals(false, bu.mapRegistration());
        assertEquals(false, bu.mobileRouter());
        assertEquals(64, bu.lifetimeSeconds());
        assertEquals(HOME, bu.alternateCareOfAddress().orElseThrow().address());
        assertEquals(new NonceIndices(1, 2), bu.nonceIndices().orElseThrow());
        assertEquals(AUTH, bu.bindingAuthorizationData().orElseThrow().authenticator());
        assertEquals(44, bu.authenticatorOffset());
        assertEquals(List.of(), bu.mobileNetworkPrefixes());
        assertEquals("AHK", bu.flagLetters());
    }
}
