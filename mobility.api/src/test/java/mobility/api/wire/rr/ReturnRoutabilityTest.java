package mobility.api.wire.rr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import mobility.api.wire.Hex;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;

/**
 * RFC 6275 §5.2 against values computed independently with Python 3's hmac and hashlib as below (the script is in
 * this test's commit message; the home token was also checked with {@code openssl dgst -sha1 -mac HMAC -macopt
 * hexkey:000102...13}):
 *
 * <pre>
 * kcn = bytes(range(20)); home = 2001:db8::1; coa = 2001:db8:2::5; cn = 2001:db8:3::7
 * home token   = hmac_sha1(kcn, home | 0102030405060708 | 00)[:8]
 * care-of token= hmac_sha1(kcn, coa  | 1112131415161718 | 01)[:8]
 * kbm          = sha1(home token | care-of token);  dereg kbm = sha1(home token)
 * authenticator= hmac_sha1(kbm, coa | cn | BU with checksum zero, without the authenticator)[:12]
 * </pre>
 */
class ReturnRoutabilityTest {

    private static final NodeKey KCN = NodeKey.of(Hex.bytes("000102030405060708090a0b0c0d0e0f10111213"));
    private static final Ipv6Address HOME = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address CARE_OF = Ipv6Address.parse("2001:db8:2::5");
    private static final Ipv6Address CORRESPONDENT = Ipv6Address.parse("2001:db8:3::7");
    private static final long HOME_NONCE = 0x0102030405060708L;
    private static final long CARE_OF_NONCE = 0x1112131415161718L;

    private static final long HOME_TOKEN = 0x8bb9d2addb358948L;
    private static final long CARE_OF_TOKEN = 0xe007e68705dd688eL;
    private static final String KBM = "561a53a47fab05843cf7d6474849b9b15d6403f6";
    private static final String DEREGISTRATION_KBM = "dba8c66c4a8aaa7a7ec615b7c01f4d7b0df2df55";
    private static final String AUTHENTICATOR = "e07b03e06f7b423aff0345c9";
    /** The signed Binding Update's checksum with the home address in the pseudo-header. */
    private static final int SIGNED_CHECKSUM = 0xaed3;

    private static final BindingUpdate BU = new BindingUpdate(0x0102, BindingUpdate.ACKNOWLEDGE
            | BindingUpdate.HOME_REGISTRATION | BindingUpdate.KEY_MANAGEMENT_MOBILITY_CAPABILITY, 0x0010,
            new NonceIndices(1, 2), BindingAuthorizationData.UNSIGNED);

    @Test
    void homeKeygenTokenIsFirst64BitsOfHmacSha1OverHomeAddressNonceAndZero() {
        assertEquals(HOME_TOKEN, KCN.homeKeygenToken(HOME, HOME_NONCE));
    }

    @Test
    void careOfKeygenTokenIsFirst64BitsOfHmacSha1OverCareOfAddressNonceAndOne() {
        assertEquals(CARE_OF_TOKEN, KCN.careOfKeygenToken(CARE_OF, CARE_OF_NONCE));
    }

    @Test
    void homeAndCareOfTokensDifferForTheSameAddressAndNonce() {
        assertNotEquals(KCN.homeKeygenToken(HOME, HOME_NONCE), KCN.careOfKeygenToken(HOME, HOME_NONCE));
    }

    @Test
    void kbmIsSha1OfBothTokensOrOfTheHomeTokenAloneForDeregistration() {
        assertEquals(KBM, Hex.of(BindingManagementKey.of(HOME_TOKEN, CARE_OF_TOKEN).octets()));
        assertEquals(DEREGISTRATION_KBM, Hex.of(BindingManagementKey.forDeregistration(HOME_TOKEN).octets()));
    }

    @Test
    void authenticatorCoversCareOfCorrespondentAndMhDataWithChecksumZero() throws WireFormatException {
        BindingManagementKey kbm = BindingManagementKey.of(HOME_TOKEN, CARE_OF_TOKEN);
        MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
        byte[] mh = new byte[codec.encodedLength(BU)];
        codec.encodeUnchecksummed(BU, mh, 0);
        kbm.sign(CARE_OF, CORRESPONDENT, mh, 0, mh.length);
        MobilityHeaderCodec.fillChecksum(mh, 0, mh.length, HOME, CORRESPONDENT);
        assertEquals(AUTHENTICATOR, Hex.of(mh).substring(2 * (mh.length - 12)));
        assertEquals(SIGNED_CHECKSUM, (mh[4] & 0xff) << 8 | mh[5] & 0xff);

        MobilityMessage received = codec.decode(mh, 0, mh.length, HOME, CORRESPONDENT);
        assertTrue(kbm.verifies(CARE_OF, CORRESPONDENT, mh, 0, mh.length, received));
        assertFalse(kbm.verifies(HOME, CORRESPONDENT, mh, 0, mh.length, received));
        assertFalse(BindingManagementKey.forDeregistration(HOME_TOKEN)
                .verifies(CARE_OF, CORRESPONDENT, mh, 0, mh.length, received));
    }

    @Test
    void nonceTableRemembersTheLastNoncesByIndexAndForgetsOlderOnes() {
        NonceTable table = new NonceTable(new SecureRandom(), 3);
        assertTrue(table.current().isEmpty());
        Nonce first = table.generate();
        Nonce second = table.generate();
        assertEquals(first.index() + 1, second.index());
        assertEquals(first, table.nonce(first.index()).orElseThrow());
        table.generate();
        table.generate();
        assertTrue(table.nonce(first.index()).isEmpty(), "the oldest of four is out of a window of three");
        assertEquals(second, table.nonce(second.index()).orElseThrow());
        assertTrue(table.nonce(second.index() + 10).isEmpty(), "a future index is unknown");
    }

    @Test
    void nonceIndicesWrapAfter65535() {
        NonceTable table = new NonceTable(new SecureRandom(), 2);
        Nonce last = null;
        for (int i = 0; i < 65_537; i++) {
            last = table.generate();
        }
        assertEquals(0, last.index());
        assertTrue(table.nonce(65_535).isPresent());
    }

    @Test
    void keysNeverShowInText() {
        assertFalse(KCN.toString().contains("0001"));
        assertFalse(BindingManagementKey.of(1, 2).toString().contains("5"));
    }
}
