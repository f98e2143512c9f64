package mobility.netlink.rtnl;

/** Constants of rtnetlink(7): linux/rtnetlink.h, if_link.h, if_addr.h, neighbour.h, fib_rules.h, lwtunnel.h, seg6*.h. */
final class Rtnl {

    static final int AF_INET6 = 10;

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;

    static final int RTNLGRP_LINK = 1;
    static final int RTNLGRP_NEIGH = 3;
    static final int RTNLGRP_IPV6_IFADDR = 9;
    static final int RTNLGRP_IPV6_ROUTE = 11;

    /** struct ifinfomsg: family u8, pad u8, type u16, index s32, flags u32, change u32. */
    static final int IFINFOMSG_LENGTH = 16;
    static final int IFF_UP = 0x1;
    static final int IFF_LOWER_UP = 0x10000;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;
    static final int IFLA_IPTUN_LINK = 1;
    static final int IFLA_IPTUN_LOCAL = 2;
    static final int IFLA_IPTUN_REMOTE = 3;
    static final int IFLA_IPTUN_PROTO = 9;
    static final int IPPROTO_IPV6 = 41;

    /** struct ifaddrmsg: family u8, prefixlen u8, flags u8, scope u8, index u32. */
    static final int IFADDRMSG_LENGTH = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_FLAGS = 8;
    static final int IFA_PROTO = 11;

    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each), flags u32. */
    static final int RTMSG_LENGTH = 12;
    static final int RT_TABLE_UNSPEC = 0;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RTA_DST = 1;
    static final int RTA_SRC = 2;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_METRICS = 8;
    static final int RTA_TABLE = 15;
    static final int RTA_ENCAP_TYPE = 21;
    static final int RTA_ENCAP = 22;
    static final int RTAX_MTU = 2;
    static final int RTAX_HOPLIMIT = 10;
    static final int LWTUNNEL_ENCAP_SEG6 = 5;
    static final int LWTUNNEL_ENCAP_SEG6_LOCAL = 7;
    static final int LWTUNNEL_ENCAP_BPF = 6;
    // lwtunnel.h: LWT_BPF_* and LWT_BPF_PROG_*
    static final int LWT_BPF_XMIT = 3;
    static final int LWT_BPF_XMIT_HEADROOM = 4;
    static final int LWT_BPF_PROG_FD = 1;
    static final int LWT_BPF_PROG_NAME = 2;
    static final int SEG6_IPTUNNEL_SRH = 1;
    /** struct ipv6_sr_hdr (RFC 8754 §2) without segments, and its routing type. */
    static final int SRH_LENGTH = 8;
    static final int IPV6_SRCRT_TYPE_4 = 4;
    static final int SEG6_LOCAL_ACTION = 1;
    static final int SEG6_LOCAL_TABLE = 3;
    static final int SEG6_LOCAL_NH6 = 5;

    /** struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action (u8 each), flags u32. */
    static final int FIB_RULE_HDR_LENGTH = 12;
    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_PROTOCOL = 21;
    static final int FRA_IP_PROTO = 22;

    /** struct ndmsg: family u8, pad1 u8, pad2 u16, ifindex s32, state u16, flags u8, type u8. */
    static final int NDMSG_LENGTH = 12;
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int NDA_PROTOCOL = 12;
    static final int NTF_PROXY = 0x08;
    static final int NTF_ROUTER = 0x80;
    static final int NUD_PERMANENT = 0x80;

    private Rtnl() {
    }
}
