package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Home Test (RFC 6275 §6.1.5, MH Type 3): the correspondent node answers a Home Test Init, through the home agent,
 * with the home keygen token (§5.2.5). Message data: Home Nonce Index (16 bits), Home Init Cookie (64 bits), Home
 * Keygen Token (64 bits), options.
 */
public final class HomeTest extends MobilityMessage {

    /** Offsets from the start of the Mobility Header. */
    public static final int NONCE_INDEX = 6;
    public static final int COOKIE = 8;
    public static final int KEYGEN_TOKEN = 16;
    public static final int FIXED_LENGTH = 24;

    private final int homeNonceIndex;
    private final long homeInitCookie;
    private final long homeKeygenToken;

    public HomeTest(int homeNonceIndex, long homeInitCookie, long homeKeygenToken, List<? extends MobilityOption> options) {
        super(options);
        if (homeNonceIndex >>> 16 != 0) {
            throw new IllegalArgumentException("Home Nonce Index out of 0..65535: " + homeNonceIndex);
        }
        this.homeNonceIndex = homeNonceIndex;
        this.homeInitCookie = homeInitCookie;
        this.homeKeygenToken = homeKeygenToken;
    }

    public HomeTest(int homeNonceIndex, long homeInitCookie, long homeKeygenToken, MobilityOption... options) {
        this(homeNonceIndex, homeInitCookie, homeKeygenToken, List.of(options));
    }

    HomeTest(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.HOME_TEST));
        homeNonceIndex = NetworkBytes.u16(b, mh + NONCE_INDEX);
        homeInitCookie = NetworkBytes.u64(b, mh + COOKIE);
        homeKeygenToken = NetworkBytes.u64(b, mh + KEYGEN_TOKEN);
    }

    /** Which nonce of the correspondent node made the token; the Binding Update's Nonce Indices option repeats it. */
    public int homeNonceIndex() {
        return homeNonceIndex;
    }

    public long homeInitCookie() {
        return homeInitCookie;
    }

    /** The first 64 bits of HMAC_SHA1(Kcn, address | nonce | 0) (§5.2.5). */
    public long homeKeygenToken() {
        return homeKeygenToken;
    }

    @Override
    public int mhType() {
        return MobilityHeader.HOME_TEST;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put16(b, mh + NONCE_INDEX, homeNonceIndex);
        NetworkBytes.put64(b, mh + COOKIE, homeInitCookie);
        NetworkBytes.put64(b, mh + KEYGEN_TOKEN, homeKeygenToken);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HomeTest m && m.homeNonceIndex == homeNonceIndex && m.homeInitCookie == homeInitCookie && m.homeKeygenToken == homeKeygenToken
                && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return ((homeNonceIndex * 31 + Long.hashCode(homeInitCookie)) * 31 + Long.hashCode(homeKeygenToken)) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "HomeTest[homeNonceIndex=" + homeNonceIndex + ", homeInitCookie=" + Long.toHexString(homeInitCookie) + ", homeKeygenToken="
                + Long.toHexString(homeKeygenToken) + optionsText() + "]";
    }
}
