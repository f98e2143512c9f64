package mobility.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mobility.api.net.Ipv6Address;

/**
 * Expected checksums were computed independently with Python (ipaddress + a plain one's complement sum over the
 * RFC 8200 §8.1 pseudo-header and the data), not with this code.
 */
class InternetChecksumTest {

    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:2::5");
    private static final Ipv6Address CORRESPONDENT = Ipv6Address.parse("2001:db8:3::7");

    /** A Binding Update with Nonce Indices and Binding Authorization Data, checksum field zero. */
    private static final String BINDING_UPDATE = "3b030500 0000 0102 d000 0010 0404 00010002 050c 000102030405060708090a0b";

    @Test
    void checksumOverPseudoHeaderMatchesAnIndependentComputation() {
        byte[] mh = Hex.bytes(BINDING_UPDATE);
        assertEquals(0x6b8e, InternetChecksum.compute(HOME, CORRESPONDENT, 135, mh, 0, mh.length, 4));
        assertEquals(0x6b88, InternetChecksum.compute(CARE_OF, CORRESPONDENT, 135, mh, 0, mh.length, 4));
    }

    @Test
    void filledChecksumVerifiesAndAnyFlippedBitBreaksIt() {
        byte[] mh = Hex.bytes(BINDING_UPDATE);
        InternetChecksum.fill(HOME, CORRESPONDENT, 135, mh, 0, mh.length, 4);
        assertTrue(InternetChecksum.verifies(HOME, CORRESPONDENT, 135, mh, 0, mh.length));
        assertFalse(InternetChecksum.verifies(CARE_OF, CORRESPONDENT, 135, mh, 0, mh.length));
        for (int bit = 0; bit < mh.length * 8; bit++) {
            mh[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(InternetChecksum.verifies(HOME, CORRESPONDENT, 135, mh, 0, mh.length), "bit " + bit);
            mh[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    @Test
    void oddLengthIsPaddedWithAZeroOctet() {
        byte[] odd = {0x01, 0x02, 0x03};
        byte[] even = {0x01, 0x02, 0x03, 0x00};
        assertEquals(InternetChecksum.sum(even, 0, 4), InternetChecksum.sum(odd, 0, 3));
    }

    @Test
    void sumReadFourOctetsAtATimeIsTheWordsSumFoldedAtEveryOffsetAndLength() {
        java.util.Random random = new java.util.Random(6275);
        byte[] b = new byte[300];
        for (int round = 0; round < 200; round++) {
            random.nextBytes(b);
            if (round % 4 == 0) {
                java.util.Arrays.fill(b, (byte) 0xff);
            }
            int offset = random.nextInt(8);
            int length = random.nextInt(b.length - offset);
            long words = 0;
            for (int i = 0; i < length; i++) {
                words += (b[offset + i] & 0xff) << (i % 2 == 0 ? 8 : 0);
            }
            while (words >>> 16 != 0) {
                words = (words & 0xffff) + (words >>> 16);
            }
            assertEquals(words, InternetChecksum.sum(b, offset, length), "offset " + offset + " length " + length);
        }
    }
}
