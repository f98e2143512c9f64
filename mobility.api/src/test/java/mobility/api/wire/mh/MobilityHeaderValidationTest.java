package mobility.api.wire.mh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import mobility.api.wire.Hex;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.WireFormatException.Answer;

/** Every rejection of RFC 6275 §9.2 and §6.2, with the field, the offset and the answer the RFC prescribes. */
class MobilityHeaderValidationTest {

    private static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    private static final Ipv6Address SOURCE = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address DESTINATION = Ipv6Address.parse("2001:db8::2");

    private static WireFormatException rejected(String hex) {
        byte[] in = Hex.bytes(hex.replace("|", ""));
        return assertThrows(WireFormatException.class, () -> CODEC.decodeUnverified(in, 0, in.length));
    }

    private static void assertProblem(WireFormatException e, String field, int offset, Answer answer, int code) {
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(answer, e.answer(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void headerLengthTooShortForTypeGivesParameterProblemAtOffset1() {
        // A Binding Update needs 12 octets before its options, so Header Len 0 (8 octets) is too short.
        WireFormatException e = rejected("3b 00 05 00 | 0000 | 0102 | d000");
        assertProblem(e, "Header Len", 1, Answer.PARAMETER_PROBLEM, 0);
        assertEquals("Binding Update", e.messageName());
        assertTrue(e.getMessage().contains("ICMPv6 Parameter Problem code 0 pointer 1"), e.getMessage());
    }

    @ParameterizedTest(name = "MH Type {0} with Header Len {1}")
    @CsvSource({"1, 0", "2, 0", "3, 1", "4, 1", "6, 0", "7, 1"})
    void everyTypeRejectsAHeaderLenBelowItsMinimum(int type, int headerLen) {
        byte[] in = new byte[(headerLen + 1) * 8];
        in[0] = 59;
        in[1] = (byte) headerLen;
        in[2] = (byte) type;
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.decodeUnverified(in, 0, in.length));
        assertProblem(e, "Header Len", 1, Answer.PARAMETER_PROBLEM, 0);
    }

    @Test
    void payloadProtoOtherThan59GivesParameterProblemAtOffset0() {
        WireFormatException e = rejected("06 00 00 00 | 0000 | 0000");
        assertProblem(e, "Payload Proto", 0, Answer.PARAMETER_PROBLEM, 0);
    }

    @Test
    void unknownMhTypeGivesBindingErrorStatus2() {
        WireFormatException e = rejected("3b 00 08 00 | 0000 | 0000");
        assertProblem(e, "MH Type", 2, Answer.BINDING_ERROR, 2);
        assertEquals("MH Type 8", e.messageName());
    }

    @Test
    void badChecksumIsSilentlyDiscarded() {
        byte[] out = CODEC.encode(new BindingRefreshRequest(), SOURCE, DESTINATION);
        out[5] ^= 1;
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> CODEC.decode(out, 0, out.length, SOURCE, DESTINATION));
        assertProblem(e, "Checksum", 4, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void checksumOverTheWrongAddressesIsSilentlyDiscarded() {
        byte[] out = CODEC.encode(new BindingRefreshRequest(), SOURCE, DESTINATION);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> CODEC.decode(out, 0, out.length, DESTINATION, SOURCE.masked(64)));
        assertEquals(Answer.SILENT_DISCARD, e.answer());
    }

    @Test
    void headerLenBeyondTheDataIsATruncationSilentlyDiscarded() {
        WireFormatException e = rejected("3b 01 00 00 | 0000 | 0000");
        assertProblem(e, "Header Len", 1, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void fewerThanEightOctetsIsSilentlyDiscarded() {
        assertProblem(rejected("3b 00 00 00"), "Header Len", 1, Answer.SILENT_DISCARD, 0);
        assertProblem(rejected(""), "Header Len", 0, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void optionRunningPastTheHeaderIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 01 00 00 | 0000 | 0000 | c8 07 aabb 0000 0000");
        assertProblem(e, "Option Type 200 Length", 9, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void optionTypeWithoutLengthAtTheEndIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 01 00 00 | 0000 | 0000 | 00 00 00 00 00 00 00 c8");
        assertProblem(e, "Option Length", 15, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void misalignedAlternateCareOfAddressIsSilentlyDiscarded() {
        // The option starts at offset 12 of the Binding Update; §6.2.5 requires 8n+6.
        WireFormatException e = rejected("3b 03 05 00 | 0000 | 0001 | 8000 | 0010 | 03 10 20010db8000000000000000000000001"
                + " | 01 00");
        assertProblem(e, "Alternate Care-of Address", 12, Answer.SILENT_DISCARD, 0);
        assertTrue(e.problem().contains("8n+6"), e.problem());
    }

    @Test
    void misalignedBindingAuthorizationDataIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 03 05 00 | 0000 | 0001 | 8000 | 0010 | 05 0c 000102030405060708090a0b | 01 04 00000000");
        assertProblem(e, "Binding Authorization Data", 12, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void misalignedNonceIndicesIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 02 05 00 | 0000 | 0001 | 8000 | 0010 | 00 | 04 04 0001 0002 | 01 03 000000");
        assertProblem(e, "Nonce Indices", 13, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void misalignedMobileNetworkPrefixIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 04 05 00 | 0000 | 0001 | 8400 | 0010 | 01 00"
                + " | 06 12 00 30 20010db8000100000000000000000000 | 01 04 00000000");
        assertProblem(e, "Mobile Network Prefix", 14, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void misalignedBindingRefreshAdviceIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 02 06 00 | 0000 | 00 00 | 0001 | 0010 | 00 | 02 02 0004 | 01 05 0000000000");
        assertProblem(e, "Binding Refresh Advice", 13, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void nonceIndicesOfWrongLengthIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 01 05 00 | 0000 | 0001 | 8000 | 0010 | 04 02 0001");
        assertProblem(e, "Nonce Indices Length", 13, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void optionAfterBindingAuthorizationDataIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 04 05 00 | 0000 | 0001 | 8000 | 0010 | 01 04 00000000"
                + " | 05 0c 000102030405060708090a0b | 02 02 0004 | 00 00 00 00 ");
        assertEquals(Answer.SILENT_DISCARD, e.answer());
        assertEquals(32, e.offset());
    }

    @Test
    void mobileNetworkPrefixLongerThan128IsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 03 05 00 | 0000 | 0001 | 8400 | 0010 | 06 12 00 81 20010db8000100000000000000000000");
        assertProblem(e, "Prefix Length", 15, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void duplicateNonceIndicesIsSilentlyDiscarded() {
        WireFormatException e = rejected("3b 02 05 00 | 0000 | 0001 | 8000 | 0010 | 04 04 0001 0002 | 04 04 0003 0004 | 01 02 0000");
        assertProblem(e, "Nonce Indices", 18, Answer.SILENT_DISCARD, 0);
    }

    @Test
    void offsetsCountFromTheFirstOctetGivenToTheDecoder() {
        byte[] in = Hex.bytes("ffff ffff 3b 00 05 00 0000 0102 d000");
        WireFormatException e = assertThrows(WireFormatException.class, () -> CODEC.decodeUnverified(in, 4, 8));
        assertEquals(1, e.offset());
        assertEquals(5, e.shifted(4).offset());
    }

    @Test
    void octetsAfterTheHeaderLenAreNotPartOfTheMessage() throws WireFormatException {
        byte[] in = Hex.bytes("3b 00 00 00 0000 0000 ff ff ff");
        assertEquals(new BindingRefreshRequest(), CODEC.decodeUnverified(in, 0, in.length));
    }

    @Test
    void reservedBitsAreIgnoredOnReceipt() throws WireFormatException {
        BindingUpdate bu = (BindingUpdate) CODEC.decodeUnverified(Hex.bytes("3b 01 05 ff 0000 0001 83ff 0010 01 02 0000"), 0, 16);
        assertEquals(BindingUpdate.ACKNOWLEDGE | 0x0300 & BindingUpdate.FLAG_MASK, bu.flags());
    }
}
