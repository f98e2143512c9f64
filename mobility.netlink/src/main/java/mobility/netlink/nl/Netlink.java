package mobility.netlink.nl;

/** Constants of netlink(7) and linux/netlink.h: header layout, message types, flags, socket options. */
public final class Netlink {

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_XFRM = 6;
    public static final int NETLINK_NETFILTER = 12;
    public static final int NETLINK_GENERIC = 16;

    /** nfnetlink (linux/netfilter/nfnetlink.h): transaction markers and the one version of struct nfgenmsg. */
    public static final int NFNL_MSG_BATCH_BEGIN = 16;
    public static final int NFNL_MSG_BATCH_END = 17;
    public static final int NFNETLINK_V0 = 0;

    /** struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32. */
    public static final int HEADER_LENGTH = 16;
    /** struct nlattr: len u16, type u16. */
    public static final int ATTRIBUTE_HEADER_LENGTH = 4;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** In an NLMSG_ERROR: the original request was not copied back (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR: extended ACK attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Extended ACK attributes (enum nlmsgerr_attrs). */
    public static final int NLMSGERR_ATTR_MSG = 1;

    /** The type bits of nla_type; the top two are the nested and byte-order flags (NLA_TYPE_MASK). */
    public static final int NLA_TYPE_MASK = 0x3fff;

    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    private Netlink() {
    }

    /** NLMSG_ALIGN / NLA_ALIGN: everything is aligned to 4 bytes. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
