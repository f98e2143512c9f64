package mobility.api.wire.ipv6;

/** The fixed IPv6 header (RFC 8200 §3): offsets from its first octet. */
public final class Ipv6Header {

    private Ipv6Header() {
    }

    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SOURCE_ADDRESS = 8;
    public static final int DESTINATION_ADDRESS = 24;
    public static final int LENGTH = 40;

    public static final int VERSION = 6;

    /** Extension headers count their Hdr Ext Len in 8-octet units beyond the first 8 (RFC 8200 §4.3 - §4.6). */
    public static final int EXTENSION_LENGTH_UNIT = 8;
}
