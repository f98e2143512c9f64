package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Care-of Test (RFC 6275 §6.1.6, MH Type 4): the correspondent node answers a Care-of Test Init, directly to the
 * care-of address, with the care-of keygen token (§5.2.5). Message data: Care-of Nonce Index (16 bits), Care-of
 * Init Cookie (64 bits), Care-of Keygen Token (64 bits), options.
 */
public final class CareOfTest extends MobilityMessage {

    /** Offsets from the start of the Mobility Header. */
    public static final int NONCE_INDEX = 6;
    public static final int COOKIE = 8;
    public static final int KEYGEN_TOKEN = 16;
    public static final int FIXED_LENGTH = 24;

    private final int careOfNonceIndex;
    private final long careOfInitCookie;
    private final long careOfKeygenToken;

    public CareOfTest(int careOfNonceIndex, long careOfInitCookie, long careOfKeygenToken, List<? extends MobilityOption> options) {
        super(options);
        if (careOfNonceIndex >>> 16 != 0) {
            throw new IllegalArgumentException("Care-of Nonce Index out of 0..65535: " + careOfNonceIndex);
        }
        this.careOfNonceIndex = careOfNonceIndex;
        this.careOfInitCookie = careOfInitCookie;
        this.careOfKeygenToken = careOfKeygenToken;
    }

    public CareOfTest(int careOfNonceIndex, long careOfInitCookie, long careOfKeygenToken, MobilityOption... options) {
        this(careOfNonceIndex, careOfInitCookie, careOfKeygenToken, List.of(options));
    }

    CareOfTest(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.CARE_OF_TEST));
        careOfNonceIndex = NetworkBytes.u16(b, mh + NONCE_INDEX);
        careOfInitCookie = NetworkBytes.u64(b, mh + COOKIE);
        careOfKeygenToken = NetworkBytes.u64(b, mh + KEYGEN_TOKEN);
    }

    /** Which nonce of the correspondent node made the token; the Binding Update's Nonce Indices option repeats it. */
    public int careOfNonceIndex() {
        return careOfNonceIndex;
    }

    public long careOfInitCookie() {
        return careOfInitCookie;
    }

    /** The first 64 bits of HMAC_SHA1(Kcn, address | nonce | 1) (§5.2.5). */
    public long careOfKeygenToken() {
        return careOfKeygenToken;
    }

    @Override
    public int mhType() {
        return MobilityHeader.CARE_OF_TEST;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put16(b, mh + NONCE_INDEX, careOfNonceIndex);
        NetworkBytes.put64(b, mh + COOKIE, careOfInitCookie);
        NetworkBytes.put64(b, mh + KEYGEN_TOKEN, careOfKeygenToken);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CareOfTest m && m.careOfNonceIndex == careOfNonceIndex && m.careOfInitCookie == careOfInitCookie && m.careOfKeygenToken == careOfKeygenToken
                && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return ((careOfNonceIndex * 31 + Long.hashCode(careOfInitCookie)) * 31 + Long.hashCode(careOfKeygenToken)) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "CareOfTest[careOfNonceIndex=" + careOfNonceIndex + ", careOfInitCookie=" + Long.toHexString(careOfInitCookie) + ", careOfKeygenToken="
                + Long.toHexString(careOfKeygenToken) + optionsText() + "]";
    }
}
