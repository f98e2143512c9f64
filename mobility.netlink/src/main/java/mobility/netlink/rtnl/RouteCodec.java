package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.Route;
import mobility.api.kernel.RouteEncap;
import mobility.api.kernel.BpfEncap;
import mobility.api.kernel.RouteType;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.Seg6LocalEncap;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** RTM_*ROUTE messages for IPv6: struct rtmsg, RTA_* attributes, RTAX_* metrics and the seg6/seg6local encaps. */
public final class RouteCodec {

    private RouteCodec() {
    }

    /** The whole route; deletion sends the same (the kernel matches on what is set and ignores encap and metrics). */
    public static void encode(MessageWriter w, Route r) {
        int source = r.source() == null ? 0 : r.source().length();
        w.u8(AF_INET6).u8(r.destination().length()).u8(source).u8(0)
                .u8(r.table() < 256 ? r.table() : RT_TABLE_UNSPEC).u8(r.protocol()).u8(RT_SCOPE_UNIVERSE)
                .u8(r.type().code()).u32(0);
        if (r.destination().length() > 0) {
            w.attributeAddress(RTA_DST, r.destination().address());
        }
        if (source > 0) {
            w.attributeAddress(RTA_SRC, r.source().address());
        }
        w.attributeU32(RTA_TABLE, r.table());
        if (r.gateway() != null) {
            w.attributeAddress(RTA_GATEWAY, r.gateway());
        }
        if (r.ifindex() > 0) {
            w.attributeU32(RTA_OIF, r.ifindex());
        }
        if (r.metric() > 0) {
            w.attributeU32(RTA_PRIORITY, r.metric());
        }
        if (r.preferredSource() != null) {
            w.attributeAddress(RTA_PREFSRC, r.preferredSource());
        }
        if (r.mtu() > 0 || r.hopLimit() > 0) {
            int metrics = w.beginNest(RTA_METRICS);
            if (r.mtu() > 0) {
                w.attributeU32(RTAX_MTU, r.mtu());
            }
            if (r.hopLimit() > 0) {
                w.attributeU32(RTAX_HOPLIMIT, r.hopLimit());
            }
            w.endNest(metrics);
        }
        // A bpf route read back from the kernel names its program but holds none: enough to remove the route by.
        if (r.encap() != null && !(r.encap() instanceof BpfEncap b && b.program() == null)) {
            encap(w, r.encap());
        }
    }

    private static void encap(MessageWriter w, RouteEncap encap) {
        if (encap instanceof Seg6Encap seg6) {
            w.attributeU16(RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_SEG6);
            int nest = w.beginNest(RTA_ENCAP);
            int srh = w.beginNest(SEG6_IPTUNNEL_SRH);
            srh(w, seg6);
            w.endNest(srh);
            w.endNest(nest);
        } else if (encap instanceof BpfEncap bpf) {
            // lwtunnel bpf (bpf_lwt.c): the transmit program by descriptor and name, and the headroom it pushes.
            w.attributeU16(RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_BPF);
            int nest = w.beginNest(RTA_ENCAP);
            int xmit = w.beginNest(LWT_BPF_XMIT);
            w.attributeU32(LWT_BPF_PROG_FD, bpf.program().fd());
            w.attributeString(LWT_BPF_PROG_NAME, bpf.name());
            w.endNest(xmit);
            if (bpf.headroom() > 0) {
                w.attributeU32(LWT_BPF_XMIT_HEADROOM, bpf.headroom());
            }
            w.endNest(nest);
        } else if (encap instanceof Seg6LocalEncap local) {
            w.attributeU16(RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_SEG6_LOCAL);
            int nest = w.beginNest(RTA_ENCAP);
            w.attributeU32(SEG6_LOCAL_ACTION, local.action().code());
            if (local.table() > 0) {
                w.attributeU32(SEG6_LOCAL_TABLE, local.table());
            }
            if (local.nexthop6() != null) {
                w.attributeAddress(SEG6_LOCAL_NH6, local.nexthop6());
            }
            w.endNest(nest);
        }
    }

    /**
     * struct seg6_iptunnel_encap: the mode (int), then an SRH (RFC 8754 §2) whose segment list is in reverse: entry
     * 0 is the last segment; Segments Left and Last Entry both point at the first segment to visit. Hdr Ext Len
     * counts 8-octet units after the first 8 octets.
     */
    private static void srh(MessageWriter w, Seg6Encap seg6) {
        List<Ipv6Address> segments = seg6.segments();
        int n = segments.size();
        w.u32(seg6.mode().code());
        w.u8(0).u8(2 * n).u8(IPV6_SRCRT_TYPE_4).u8(n - 1).u8(n - 1).u8(0).u16(0);
        for (int i = n - 1; i >= 0; i--) {
            w.address(segments.get(i));
        }
    }

    /** The route, or {@code null} for another family or a type the platform does not model (e.g. RTN_NAT). */
    public static Route decode(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        if ((b.get(body) & 0xff) != AF_INET6) {
            return null;
        }
        int dstLength = b.get(body + 1) & 0xff;
        int srcLength = b.get(body + 2) & 0xff;
        int table = b.get(body + 4) & 0xff;
        int protocol = b.get(body + 5) & 0xff;
        int typeCode = b.get(body + 7) & 0xff;
        RouteType type;
        try {
            type = RouteType.of(typeCode);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Ipv6Address destination = Ipv6Address.UNSPECIFIED;
        Ipv6Prefix source = null;
        Ipv6Address gateway = null;
        Ipv6Address preferredSource = null;
        int ifindex = 0;
        int metric = 0;
        int mtu = 0;
        int hopLimit = 0;
        int encapType = 0;
        int encapFrom = -1;
        int encapTo = -1;
        int metricsFrom = -1;
        int metricsTo = -1;
        a.reset(b, body + RTMSG_LENGTH, offset + length);
        while (a.next()) {
            switch (a.type()) {
                case RTA_DST -> destination = a.address();
                case RTA_SRC -> source = new Ipv6Prefix(a.address(), srcLength);
                case RTA_TABLE -> table = a.u32();
                case RTA_GATEWAY -> gateway = a.address();
                case RTA_OIF -> ifindex = a.u32();
                case RTA_PRIORITY -> metric = a.u32();
                case RTA_PREFSRC -> preferredSource = a.address();
                case RTA_ENCAP_TYPE -> encapType = a.u16();
                case RTA_ENCAP -> {
                    encapFrom = a.valueOffset();
                    encapTo = a.valueEnd();
                }
                case RTA_METRICS -> {
                    metricsFrom = a.valueOffset();
                    metricsTo = a.valueEnd();
                }
                default -> {
                }
            }
        }
        if (metricsFrom >= 0) {
            a.reset(b, metricsFrom, metricsTo);
            while (a.next()) {
                if (a.type() == RTAX_MTU) {
                    mtu = a.u32();
                } else if (a.type() == RTAX_HOPLIMIT) {
                    hopLimit = a.u32();
                }
            }
        }
        RouteEncap encap = encapFrom < 0 ? null : decodeEncap(b, encapType, encapFrom, encapTo, a);
        return new Route(new Ipv6Prefix(destination, dstLength), source, table, type, gateway, ifindex, metric,
                protocol, encap, mtu, hopLimit, preferredSource);
    }

    private static RouteEncap decodeEncap(ByteBuffer b, int type, int from, int to, Attributes a) {
        a.reset(b, from, to);
        if (type == LWTUNNEL_ENCAP_SEG6) {
            while (a.next()) {
                if (a.type() == SEG6_IPTUNNEL_SRH) {
                    int mode = b.getInt(a.valueOffset());
                    int srh = a.valueOffset() + 4;
                    int n = (b.get(srh + 4) & 0xff) + 1;
                    List<Ipv6Address> segments = new ArrayList<>(n);
                    for (int i = n - 1; i >= 0; i--) {
                        segments.add(Attributes.address(b, srh + SRH_LENGTH + 16 * i));
                    }
                    return new Seg6Encap(Seg6Encap.Mode.of(mode), segments);
                }
            }
        } else if (type == LWTUNNEL_ENCAP_BPF) {
            // The kernel reports each program's name, not the headroom.
            while (a.next()) {
                if (a.type() == LWT_BPF_XMIT) {
                    Attributes prog = new Attributes();
                    prog.reset(b, a.valueOffset(), a.valueOffset() + a.valueLength());
                    while (prog.next()) {
                        if (prog.type() == LWT_BPF_PROG_NAME) {
                            return new BpfEncap(null, prog.string(), 0);
                        }
                    }
                }
            }
        } else if (type == LWTUNNEL_ENCAP_SEG6_LOCAL) {
            int action = 0;
            int table = 0;
            Ipv6Address nexthop = null;
            while (a.next()) {
                switch (a.type()) {
                    case SEG6_LOCAL_ACTION -> action = a.u32();
                    case SEG6_LOCAL_TABLE -> table = a.u32();
                    case SEG6_LOCAL_NH6 -> nexthop = a.address();
                    default -> {
                    }
                }
            }
            try {
                return new Seg6LocalEncap(Seg6LocalEncap.Action.of(action), table, nexthop);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
