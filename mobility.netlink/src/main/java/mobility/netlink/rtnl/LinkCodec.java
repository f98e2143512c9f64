package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Address;
import mobility.api.kernel.Link;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** RTM_*LINK messages: struct ifinfomsg and IFLA_* attributes. */
public final class LinkCodec {

    private LinkCodec() {
    }

    /** An ifinfomsg for AF_UNSPEC naming no index: the link is named by IFLA_IFNAME. */
    static void header(MessageWriter w, int flags, int change) {
        w.u8(0).u8(0).u16(0).u32(0).u32(flags).u32(change);
    }

    static void upDown(MessageWriter w, String name, boolean up) {
        header(w, up ? IFF_UP : 0, IFF_UP);
        w.attributeString(IFLA_IFNAME, name);
    }

    static void mtu(MessageWriter w, String name, int mtu) {
        header(w, 0, 0);
        w.attributeString(IFLA_IFNAME, name);
        w.attributeU32(IFLA_MTU, mtu);
    }

    static void named(MessageWriter w, String name) {
        header(w, 0, 0);
        w.attributeString(IFLA_IFNAME, name);
    }

    /** IFLA_LINKINFO {kind "veth", data {VETH_INFO_PEER {ifinfomsg, IFLA_IFNAME peer}}}. */
    static void veth(MessageWriter w, String name, String peer) {
        named(w, name);
        int info = w.beginNest(IFLA_LINKINFO);
        w.attributeString(IFLA_INFO_KIND, "veth");
        int data = w.beginNest(IFLA_INFO_DATA);
        int peerInfo = w.beginNest(VETH_INFO_PEER);
        header(w, 0, 0);
        w.attributeString(IFLA_IFNAME, peer);
        w.endNest(peerInfo);
        w.endNest(data);
        w.endNest(info);
    }

    /** IFLA_LINKINFO {kind "ip6tnl", data {local, remote, proto IPv6-in-IPv6, link}} (RFC 2473). */
    static void ip6Tunnel(MessageWriter w, String name, Ipv6Address local, Ipv6Address remote, int underlying) {
        named(w, name);
        int info = w.beginNest(IFLA_LINKINFO);
        w.attributeString(IFLA_INFO_KIND, "ip6tnl");
        int data = w.beginNest(IFLA_INFO_DATA);
        w.attributeAddress(IFLA_IPTUN_LOCAL, local);
        w.attributeAddress(IFLA_IPTUN_REMOTE, remote);
        w.attributeU8(IFLA_IPTUN_PROTO, IPPROTO_IPV6);
        if (underlying > 0) {
            w.attributeU32(IFLA_IPTUN_LINK, underlying);
        }
        w.endNest(data);
        w.endNest(info);
    }

    public static Link decode(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        int index = b.getInt(body + 4);
        int flags = b.getInt(body + 8);
        String name = "";
        String kind = "";
        String address = "";
        int mtu = 0;
        a.reset(b, body + IFINFOMSG_LENGTH, offset + length);
        int linkInfoFrom = -1;
        int linkInfoTo = -1;
        while (a.next()) {
            switch (a.type()) {
                case IFLA_IFNAME -> name = a.string();
                case IFLA_MTU -> mtu = a.u32();
                case IFLA_ADDRESS -> address = a.hex();
                case IFLA_LINKINFO -> {
                    linkInfoFrom = a.valueOffset();
                    linkInfoTo = a.valueEnd();
                }
                default -> {
                }
            }
        }
        if (linkInfoFrom >= 0) {
            a.reset(b, linkInfoFrom, linkInfoTo);
            while (a.next()) {
                if (a.type() == IFLA_INFO_KIND) {
                    kind = a.string();
                }
            }
        }
        return new Link(index, name, kind, (flags & IFF_UP) != 0, (flags & IFF_LOWER_UP) != 0, mtu, address);
    }
}
