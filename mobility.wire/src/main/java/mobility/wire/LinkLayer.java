package mobility.wire;

/**
 * Finds the IPv6 packet in a frame of a pcap link type (the LINKTYPE_ values of tcpdump.org's list): Ethernet with
 * optional 802.1Q tags, Linux cooked capture v1 and v2, raw IP, raw IPv6, BSD loopback and SLIP.
 */
public final class LinkLayer {

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int SLIP = 8;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW as some systems wrote it into files before LINKTYPE_RAW existed. */
    private static final int DLT_RAW_12 = 12;
    private static final int DLT_RAW_14 = 14;

    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    /** libpcap's SLIP pseudo-header: direction, then the 15 octets of a compressed TCP/IP header. */
    private static final int SLIP_HEADER = 16;

    /** Frame does not carry IPv6. */
    public static final int NOT_IPV6 = -1;
    /** Frame is shorter than its link-layer header. */
    public static final int TRUNCATED = -2;
    /** Link type this decoder does not read. */
    public static final int UNSUPPORTED = -3;

    private LinkLayer() {
    }

    /** Offset of the IPv6 header in the frame, or {@link #NOT_IPV6}, {@link #TRUNCATED}, {@link #UNSUPPORTED}. */
    public static int ipv6Offset(int linkType, byte[] b, int length) {
        return ipv6Offset(linkType, b, 0, length);
    }

    /** As {@link #ipv6Offset(int, byte[], int)} for a frame of {@code length} octets at {@code b[from]}. */
    public static int ipv6Offset(int linkType, byte[] b, int from, int length) {
        return switch (linkType) {
            case ETHERNET -> ethernet(b, from, length);
            case LINUX_SLL -> length < 16 ? TRUNCATED : u16(b, from + 14) == ETHERTYPE_IPV6 ? 16 : NOT_IPV6;
            case LINUX_SLL2 -> length < 20 ? TRUNCATED : u16(b, from) == ETHERTYPE_IPV6 ? 20 : NOT_IPV6;
            case RAW, DLT_RAW_12, DLT_RAW_14, IPV6 -> version(b, from, 0, length);
            case SLIP -> length < SLIP_HEADER ? TRUNCATED : version(b, from, SLIP_HEADER, length);
            case NULL -> loopback(b, from, length);
            default -> UNSUPPORTED;
        };
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case SLIP -> "SLIP";
            case RAW, DLT_RAW_12, DLT_RAW_14 -> "raw IP";
            case LINUX_SLL -> "Linux cooked";
            case IPV6 -> "raw IPv6";
            case LINUX_SLL2 -> "Linux cooked v2";
            default -> "link type " + linkType;
        };
    }

    private static int ethernet(byte[] b, int from, int length) {
        int at = 12;
        while (true) {
            if (length < at + 2) {
                return TRUNCATED;
            }
            int type = u16(b, from + at);
            if (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) {
                at += 4;
            } else {
                return type == ETHERTYPE_IPV6 ? at + 2 : NOT_IPV6;
            }
        }
    }

    private static int version(byte[] b, int from, int at, int length) {
        if (length <= at) {
            return TRUNCATED;
        }
        return (b[from + at] & 0xf0) == 0x60 ? at : NOT_IPV6;
    }

    /** The 4-octet address family in the capturing host's byte order; IPv6 is 10, 24, 28 or 30 by system. */
    private static int loopback(byte[] b, int from, int length) {
        if (length < 4) {
            return TRUNCATED;
        }
        int family = b[from] == 0 ? b[from + 3] & 0xff : b[from] & 0xff;
        return family == 10 || family == 24 || family == 28 || family == 30 ? 4 : NOT_IPV6;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
