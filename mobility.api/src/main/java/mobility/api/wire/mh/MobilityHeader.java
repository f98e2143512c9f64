package mobility.api.wire.mh;

/** The layout of the Mobility Header's common part (RFC 6275 §6.1.1) and the MH Type numbers. */
public final class MobilityHeader {

    private MobilityHeader() {
    }

    /** Offsets from the first octet of the Mobility Header. */
    public static final int PAYLOAD_PROTO = 0;
    public static final int HEADER_LEN = 1;
    public static final int MH_TYPE = 2;
    public static final int RESERVED = 3;
    public static final int CHECKSUM = 4;
    public static final int MESSAGE_DATA = 6;

    /** Header Len counts 8-octet units, not including the first 8 octets (§6.1.1). */
    public static final int LENGTH_UNIT = 8;

    /** The shortest Mobility Header: the common part and a Binding Refresh Request's Reserved field. */
    public static final int MIN_LENGTH = 8;

    /** The longest: Header Len 255. */
    public static final int MAX_LENGTH = 256 * LENGTH_UNIT;

    /** MH Type values (§6.1.2 - §6.1.9). */
    public static final int BINDING_REFRESH_REQUEST = 0;
    public static final int HOME_TEST_INIT = 1;
    public static final int CARE_OF_TEST_INIT = 2;
    public static final int HOME_TEST = 3;
    public static final int CARE_OF_TEST = 4;
    public static final int BINDING_UPDATE = 5;
    public static final int BINDING_ACKNOWLEDGEMENT = 6;
    public static final int BINDING_ERROR = 7;

    /** The message's name as the RFC writes it, or "MH Type n". */
    public static String typeName(int mhType) {
        return switch (mhType) {
            case BINDING_REFRESH_REQUEST -> "Binding Refresh Request";
            case HOME_TEST_INIT -> "Home Test Init";
            case CARE_OF_TEST_INIT -> "Care-of Test Init";
            case HOME_TEST -> "Home Test";
            case CARE_OF_TEST -> "Care-of Test";
            case BINDING_UPDATE -> "Binding Update";
            case BINDING_ACKNOWLEDGEMENT -> "Binding Acknowledgement";
            case BINDING_ERROR -> "Binding Error";
            default -> "MH Type " + mhType;
        };
    }

    /** Octets of a Mobility Header whose Header Len field is {@code headerLen}. */
    public static int length(int headerLen) {
        return (headerLen + 1) * LENGTH_UNIT;
    }
}
