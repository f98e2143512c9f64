package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Care-of Test Init (RFC 6275 §6.1.4, MH Type 2): the mobile node starts the care-of test of return routability
 * (§5.2.5) directly from its care-of address. Message data: Reserved (16 bits), Care-of Init Cookie (64 bits),
 * options.
 */
public final class CareOfTestInit extends MobilityMessage {

    /** Offset of the Care-of Init Cookie from the start of the Mobility Header. */
    public static final int COOKIE = 8;
    public static final int FIXED_LENGTH = 16;

    private final long careOfInitCookie;

    public CareOfTestInit(long careOfInitCookie, List<? extends MobilityOption> options) {
        super(options);
        this.careOfInitCookie = careOfInitCookie;
    }

    public CareOfTestInit(long careOfInitCookie, MobilityOption... options) {
        this(careOfInitCookie, List.of(options));
    }

    CareOfTestInit(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.CARE_OF_TEST_INIT));
        careOfInitCookie = NetworkBytes.u64(b, mh + COOKIE);
    }

    /** The Care-of Init Cookie, echoed in the test message that answers this one. */
    public long careOfInitCookie() {
        return careOfInitCookie;
    }

    @Override
    public int mhType() {
        return MobilityHeader.CARE_OF_TEST_INIT;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put16(b, mh + 6, 0);
        NetworkBytes.put64(b, mh + COOKIE, careOfInitCookie);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CareOfTestInit m && m.careOfInitCookie == careOfInitCookie && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(careOfInitCookie) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "CareOfTestInit[careOfInitCookie=" + Long.toHexString(careOfInitCookie) + optionsText() + "]";
    }
}
