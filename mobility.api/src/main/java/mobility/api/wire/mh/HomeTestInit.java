package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Home Test Init (RFC 6275 §6.1.3, MH Type 1): the mobile node starts the home test of return routability (§5.2.5)
 * through its home agent. Message data: Reserved (16 bits), Home Init Cookie (64 bits), options.
 */
public final class HomeTestInit extends MobilityMessage {

    /** Offset of the Home Init Cookie from the start of the Mobility Header. */
    public static final int COOKIE = 8;
    public static final int FIXED_LENGTH = 16;

    private final long homeInitCookie;

    public HomeTestInit(long homeInitCookie, List<? extends MobilityOption> options) {
        super(options);
        this.homeInitCookie = homeInitCookie;
    }

    public HomeTestInit(long homeInitCookie, MobilityOption... options) {
        this(homeInitCookie, List.of(options));
    }

    HomeTestInit(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.HOME_TEST_INIT));
        homeInitCookie = NetworkBytes.u64(b, mh + COOKIE);
    }

    /** The Home Init Cookie, echoed in the test message that answers this one. */
    public long homeInitCookie() {
        return homeInitCookie;
    }

    @Override
    public int mhType() {
        return MobilityHeader.HOME_TEST_INIT;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put16(b, mh + 6, 0);
        NetworkBytes.put64(b, mh + COOKIE, homeInitCookie);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HomeTestInit m && m.homeInitCookie == homeInitCookie && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(homeInitCookie) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "HomeTestInit[homeInitCookie=" + Long.toHexString(homeInitCookie) + optionsText() + "]";
    }
}
