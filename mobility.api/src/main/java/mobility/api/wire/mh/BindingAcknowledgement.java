package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.Lifetime;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.SequenceNumber;
import mobility.api.wire.WireFormatException;

/**
 * Binding Acknowledgement (RFC 6275 §6.1.8, MH Type 6): the answer to a Binding Update. Message data: Status (8
 * bits), the flags K and R (RFC 3963 §4.2) and 6 reserved bits, Sequence # (16 bits), Lifetime (16 bits, 4-second
 * units), options.
 */
public final class BindingAcknowledgement extends MobilityMessage {

    /** Offsets from the start of the Mobility Header. */
    public static final int STATUS = 6;
    public static final int FLAGS = 7;
    public static final int SEQUENCE_NUMBER = 8;
    public static final int LIFETIME = 10;
    public static final int FIXED_LENGTH = 12;

    /** Flags, as bits of the octet at {@link #FLAGS}. */
    public static final int KEY_MANAGEMENT_MOBILITY_CAPABILITY = 0x80;
    public static final int MOBILE_ROUTER = 0x40;
    public static final int FLAG_MASK = 0xc0;

    private final int status;
    private final int flags;
    private final int sequenceNumber;
    private final int lifetime;

    /**
     * @param status   a {@link BindingAcknowledgementStatus} value
     * @param flags    an OR of {@link #KEY_MANAGEMENT_MOBILITY_CAPABILITY} and {@link #MOBILE_ROUTER}
     * @param lifetime granted, in 4-second units
     */
    public BindingAcknowledgement(int status, int flags, int sequenceNumber, int lifetime,
            List<? extends MobilityOption> options) {
        super(options);
        if (status < 0 || status > 255) {
            throw new IllegalArgumentException("Status out of 0..255: " + status);
        }
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("undefined Binding Acknowledgement flags: 0x" + Integer.toHexString(flags));
        }
        this.status = status;
        this.flags = flags;
        this.sequenceNumber = SequenceNumber.check(sequenceNumber);
        Lifetime.toSeconds(lifetime);
        this.lifetime = lifetime;
    }

    public BindingAcknowledgement(int status, int flags, int sequenceNumber, int lifetime, MobilityOption... options) {
        this(status, flags, sequenceNumber, lifetime, List.of(options));
    }

    BindingAcknowledgement(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry,
                MobilityHeader.typeName(MobilityHeader.BINDING_ACKNOWLEDGEMENT));
        status = NetworkBytes.u8(b, mh + STATUS);
        flags = NetworkBytes.u8(b, mh + FLAGS) & FLAG_MASK;
        sequenceNumber = NetworkBytes.u16(b, mh + SEQUENCE_NUMBER);
        lifetime = NetworkBytes.u16(b, mh + LIFETIME);
    }

    public int status() {
        return status;
    }

    /** Status values below 128 accept the Binding Update (§6.1.8). */
    public boolean accepted() {
        return status < BindingAcknowledgementStatus.REASON_UNSPECIFIED;
    }

    public int flags() {
        return flags;
    }

    /** K: the IKE security association survives movement. */
    public boolean keyManagementMobilityCapability() {
        return (flags & KEY_MANAGEMENT_MOBILITY_CAPABILITY) != 0;
    }

    /** R: the home agent supports mobile routers (RFC 3963 §4.2). */
    public boolean mobileRouter() {
        return (flags & MOBILE_ROUTER) != 0;
    }

    /** The flag letters that are set, e.g. "KR". */
    public String flagLetters() {
        return BindingUpdate.letters(flags, FLAG_LETTERS, 0x80);
    }

    private static final String[] FLAG_LETTERS = BindingUpdate.letterCombinations("KR");

    /** Copied from the Binding Update, so that the mobile node matches the answer (§6.1.8). */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** Granted, in 4-second units. */
    public int lifetime() {
        return lifetime;
    }

    public long lifetimeSeconds() {
        return Lifetime.toSeconds(lifetime);
    }

    @Override
    public int mhType() {
        return MobilityHeader.BINDING_ACKNOWLEDGEMENT;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put8(b, mh + STATUS, status);
        NetworkBytes.put8(b, mh + FLAGS, flags);
        NetworkBytes.put16(b, mh + SEQUENCE_NUMBER, sequenceNumber);
        NetworkBytes.put16(b, mh + LIFETIME, lifetime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingAcknowledgement m && m.status == status && m.flags == flags
                && m.sequenceNumber == sequenceNumber && m.lifetime == lifetime && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return (((status * 31 + flags) * 31 + sequenceNumber) * 31 + lifetime) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "BindingAcknowledgement[status=" + status + ", flags=" + flagLetters() + ", seq=" + sequenceNumber
                + ", lifetime=" + lifetime + optionsText() + "]";
    }
}
