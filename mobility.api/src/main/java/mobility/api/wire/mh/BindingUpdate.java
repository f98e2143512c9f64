package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.Lifetime;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.SequenceNumber;
import mobility.api.wire.WireFormatException;

/**
 * Binding Update (RFC 6275 §6.1.7, MH Type 5): a mobile node tells its home agent or a correspondent node its
 * care-of address. Message data: Sequence # (16 bits), the flags A H L K M R and 10 reserved bits, Lifetime (16
 * bits, 4-second units), options. M is the MAP registration flag of RFC 5380, R the Mobile Router flag of NEMO
 * (RFC 3963 §4.1).
 */
public final class BindingUpdate extends MobilityMessage {

    /** Offsets from the start of the Mobility Header. */
    public static final int SEQUENCE_NUMBER = 6;
    public static final int FLAGS = 8;
    public static final int LIFETIME = 10;
    public static final int FIXED_LENGTH = 12;

    /** Flags, as bits of the 16-bit word at {@link #FLAGS}. */
    public static final int ACKNOWLEDGE = 0x8000;
    public static final int HOME_REGISTRATION = 0x4000;
    public static final int LINK_LOCAL_ADDRESS_COMPATIBILITY = 0x2000;
    public static final int KEY_MANAGEMENT_MOBILITY_CAPABILITY = 0x1000;
    public static final int MAP_REGISTRATION = 0x0800;
    public static final int MOBILE_ROUTER = 0x0400;
    /** The defined flags; the Reserved bits are sent as zero and ignored on receipt. */
    public static final int FLAG_MASK = 0xfc00;

    private final int sequenceNumber;
    private final int flags;
    private final int lifetime;

    /**
     * @param flags    an OR of {@link #ACKNOWLEDGE}, {@link #HOME_REGISTRATION}, ... ({@link #FLAG_MASK})
     * @param lifetime in 4-second units ({@link Lifetime#toUnits}); 0 asks to delete the binding
     */
    public BindingUpdate(int sequenceNumber, int flags, int lifetime, List<? extends MobilityOption> options) {
        super(options);
        this.sequenceNumber = SequenceNumber.check(sequenceNumber);
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("undefined Binding Update flags: 0x" + Integer.toHexString(flags));
        }
        Lifetime.toSeconds(lifetime);
        this.flags = flags;
        this.lifetime = lifetime;
    }

    public BindingUpdate(int sequenceNumber, int flags, int lifetime, MobilityOption... options) {
        this(sequenceNumber, flags, lifetime, List.of(options));
    }

    BindingUpdate(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.BINDING_UPDATE));
        sequenceNumber = NetworkBytes.u16(b, mh + SEQUENCE_NUMBER);
        flags = NetworkBytes.u16(b, mh + FLAGS) & FLAG_MASK;
        lifetime = NetworkBytes.u16(b, mh + LIFETIME);
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The flags as bits of {@link #FLAG_MASK}. */
    public int flags() {
        return flags;
    }

    /** A: the receiver answers with a Binding Acknowledgement. */
    public boolean acknowledge() {
        return (flags & ACKNOWLEDGE) != 0;
    }

    /** H: the receiver is to act as this node's home agent. */
    public boolean homeRegistration() {
        return (flags & HOME_REGISTRATION) != 0;
    }

    /** L: the home address's interface identifier equals the link-local address's. */
    public boolean linkLocalAddressCompatibility() {
        return (flags & LINK_LOCAL_ADDRESS_COMPATIBILITY) != 0;
    }

    /** K: the IKE security association survives movement. */
    public boolean keyManagementMobilityCapability() {
        return (flags & KEY_MANAGEMENT_MOBILITY_CAPABILITY) != 0;
    }

    /** M: a registration with a Mobility Anchor Point (RFC 5380). */
    public boolean mapRegistration() {
        return (flags & MAP_REGISTRATION) != 0;
    }

    /** R: sent by a mobile router (RFC 3963 §4.1). */
    public boolean mobileRouter() {
        return (flags & MOBILE_ROUTER) != 0;
    }

    /** In 4-second units. */
    public int lifetime() {
        return lifetime;
    }

    public long lifetimeSeconds() {
        return Lifetime.toSeconds(lifetime);
    }

    /** The flag letters that are set, in wire order, e.g. "AHK". */
    public String flagLetters() {
        return letters(flags, FLAG_LETTERS, 0x8000);
    }

    /** Every combination of this message's flag letters, made once: a decoder that prints a million builds none. */
    private static final String[] FLAG_LETTERS = letterCombinations("AHLKMR");

    /** The letters for each value of {@code names.length()} flag bits, the first letter the most significant bit. */
    static String[] letterCombinations(String names) {
        int n = names.length();
        String[] combinations = new String[1 << n];
        for (int bits = 0; bits < combinations.length; bits++) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if ((bits & 1 << n - 1 - i) != 0) {
                    out.append(names.charAt(i));
                }
            }
            combinations[bits] = out.toString();
        }
        return combinations;
    }

    /** The letters of the flags set, {@code firstBit} the bit of the first letter. */
    static String letters(int flags, String[] combinations, int firstBit) {
        int lowestBit = Integer.numberOfTrailingZeros(firstBit) - Integer.numberOfTrailingZeros(combinations.length) + 1;
        return combinations[flags >>> lowestBit & combinations.length - 1];
    }

    @Override
    public int mhType() {
        return MobilityHeader.BINDING_UPDATE;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put16(b, mh + SEQUENCE_NUMBER, sequenceNumber);
        NetworkBytes.put16(b, mh + FLAGS, flags);
        NetworkBytes.put16(b, mh + LIFETIME, lifetime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingUpdate m && m.sequenceNumber == sequenceNumber && m.flags == flags
                && m.lifetime == lifetime && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return ((sequenceNumber * 31 + flags) * 31 + lifetime) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "BindingUpdate[seq=" + sequenceNumber + ", flags=" + flagLetters() + ", lifetime=" + lifetime
                + optionsText() + "]";
    }
}
