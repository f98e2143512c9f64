package mobility.api.wire.mh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import mobility.api.wire.Hex;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.WireFormatException.Answer;

/** An extension adds an option type through a MobilityOptionCodec, without touching the codec. */
class MobilityOptionCodecExtensionTest {

    /** A made-up option for the test: Type 250, a 32-bit value aligned at 4n+2 so that the value sits at 4n. */
    record Counter(long value) implements MobilityOption {
        @Override
        public int type() {
            return 250;
        }
    }

    static class CounterCodec implements MobilityOptionCodec {
        @Override
        public int type() {
            return 250;
        }

        @Override
        public int alignmentMultiple() {
            return 4;
        }

        @Override
        public int alignmentOffset() {
            return 2;
        }

        @Override
        public MobilityOption decode(byte[] b, int offset, int length) throws WireFormatException {
            if (length != 4) {
                throw WireFormatException.silentDiscard("Counter", "Length", offset - 1, "Length " + length);
            }
            return new Counter(NetworkBytes.u32(b, offset));
        }

        @Override
        public int dataLength(MobilityOption option) {
            return 4;
        }

        @Override
        public void encode(MobilityOption option, byte[] b, int offset) {
            NetworkBytes.put32(b, offset, ((Counter) option).value());
        }
    }

    /** A codec with a bug, to show that its exception does not escape the decoder. */
    static final class BrokenCodec extends CounterCodec {
        @Override
        public MobilityOption decode(byte[] b, int offset, int length) {
            throw new IllegalStateException("bug");
        }
    }

    private final MobilityHeaderCodec codec = new MobilityHeaderCodec(MobilityOptionRegistry.of(List.of(new CounterCodec())));

    @Test
    void extensionOptionIsPlacedOnItsAlignmentAndDecodedByItsCodec() throws WireFormatException {
        // An unknown option of 3 data octets ends at offset 13; the counter needs 4n+2, so one Pad1 goes first.
        BindingRefreshRequest brr = new BindingRefreshRequest(new UnknownMobilityOption(200, Hex.bytes("aabbcc")),
                new Counter(0x01020304L));
        byte[] out = new byte[codec.encodedLength(brr)];
        codec.encodeUnchecksummed(brr, out, 0);
        assertEquals("3b02000000000000" + "c803aabbcc" + "00" + "fa0401020304" + "01020000", Hex.of(out));
        MobilityMessage decoded = codec.decodeUnverified(out, 0, out.length);
        assertEquals(brr, decoded);
        assertInstanceOf(Counter.class, decoded.options().get(1));
    }

    @Test
    void withoutItsCodecTheOptionIsSkippedAsUnknown() throws WireFormatException {
        byte[] out = new byte[codec.encodedLength(new BindingRefreshRequest(new Counter(9)))];
        codec.encodeUnchecksummed(new BindingRefreshRequest(new Counter(9)), out, 0);
        MobilityMessage decoded = MobilityHeaderCodec.standard().decodeUnverified(out, 0, out.length);
        assertEquals(List.of(new UnknownMobilityOption(250, Hex.bytes("00000009"))), decoded.options());
    }

    @Test
    void misalignedExtensionOptionIsSilentlyDiscarded() {
        byte[] in = Hex.bytes("3b01000000000000 fa0400000001 0000");
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decodeUnverified(in, 0, in.length));
        assertEquals(Answer.SILENT_DISCARD, e.answer());
        assertEquals(8, e.offset());
    }

    @Test
    void extensionErrorsReportOffsetsFromTheMobilityHeader() {
        byte[] in = Hex.bytes("ffff 3b01000000000000 0000 fa020001 0000");
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decodeUnverified(in, 2, 16));
        assertEquals(11, e.offset());
    }

    @Test
    void aBrokenExtensionCodecStillOnlyGivesTheDeclaredException() {
        MobilityHeaderCodec broken = new MobilityHeaderCodec(MobilityOptionRegistry.of(List.of(new BrokenCodec())));
        byte[] in = Hex.bytes("3b01000000000000 0000 fa0400000001");
        WireFormatException e = assertThrows(WireFormatException.class, () -> broken.decodeUnverified(in, 0, in.length));
        assertEquals(Answer.SILENT_DISCARD, e.answer());
    }

    @Test
    void registryRefusesStandardTypesDuplicatesAndBadAlignments() {
        assertThrows(IllegalArgumentException.class, () -> MobilityOptionRegistry.of(List.of(new CounterCodec() {
            @Override
            public int type() {
                return MobilityOption.NONCE_INDICES;
            }
        })));
        assertThrows(IllegalArgumentException.class,
                () -> MobilityOptionRegistry.of(List.of(new CounterCodec(), new CounterCodec())));
        assertThrows(IllegalArgumentException.class, () -> MobilityOptionRegistry.of(List.of(new CounterCodec() {
            @Override
            public int alignmentMultiple() {
                return 3;
            }
        })));
        assertEquals(1, MobilityOptionRegistry.standard().with(new CounterCodec()).codecs().size());
    }

    @Test
    void encodingAnOptionNoCodecKnowsIsAProgrammingError() {
        BindingRefreshRequest brr = new BindingRefreshRequest(new Counter(1));
        assertThrows(IllegalArgumentException.class, () -> MobilityHeaderCodec.standard().encodedLength(brr));
    }
}
