package mobility.api.wire;

/** Next Header values (IANA "Assigned Internet Protocol Numbers") that a Mobile IPv6 packet carries. */
public final class IpProtocol {

    private IpProtocol() {
    }

    /** RFC 8200 §4.3. */
    public static final int HOP_BY_HOP_OPTIONS = 0;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** RFC 8200 §4.4; RFC 6275 §6.4 defines its type 2. */
    public static final int ROUTING = 43;
    /** RFC 8200 §4.5. */
    public static final int FRAGMENT = 44;
    /** RFC 4303. */
    public static final int ENCAPSULATING_SECURITY_PAYLOAD = 50;
    /** RFC 4302. */
    public static final int AUTHENTICATION_HEADER = 51;
    /** RFC 4443. */
    public static final int ICMPV6 = 58;
    /** RFC 8200 §4.7; RFC 6275 §6.1.1 requires it as the Mobility Header's Payload Proto. */
    public static final int NO_NEXT_HEADER = 59;
    /** RFC 8200 §4.6; carries the Home Address option of RFC 6275 §6.3. */
    public static final int DESTINATION_OPTIONS = 60;
    /**
     * Number 62 (assigned to CFTP) that the drafts before RFC 3775 and some old stacks used for the Mobility
     * Header; a decoder reports it as such and never takes it for 135.
     */
    public static final int DRAFT_MOBILITY_HEADER = 62;
    /** RFC 6275 §6.1. */
    public static final int MOBILITY_HEADER = 135;

    /** A short name for display, e.g. "ICMPv6", or the number. */
    public static String name(int protocol) {
        return switch (protocol) {
            case HOP_BY_HOP_OPTIONS -> "Hop-by-Hop Options";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case ROUTING -> "Routing";
            case FRAGMENT -> "Fragment";
            case ENCAPSULATING_SECURITY_PAYLOAD -> "ESP";
            case AUTHENTICATION_HEADER -> "AH";
            case ICMPV6 -> "ICMPv6";
            case NO_NEXT_HEADER -> "No Next Header";
            case DESTINATION_OPTIONS -> "Destination Options";
            case DRAFT_MOBILITY_HEADER -> "draft Mobility Header (62)";
            case MOBILITY_HEADER -> "Mobility Header";
            default -> Integer.toString(protocol);
        };
    }
}
