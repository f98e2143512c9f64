package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.Rule;
import mobility.api.kernel.RuleAction;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** RTM_*RULE messages for IPv6: struct fib_rule_hdr and FRA_* attributes. */
public final class RuleCodec {

    private RuleCodec() {
    }

    public static void encode(MessageWriter w, Rule r) {
        int from = r.from() == null ? 0 : r.from().length();
        int to = r.to() == null ? 0 : r.to().length();
        w.u8(AF_INET6).u8(to).u8(from).u8(0).u8(r.table() < 256 ? r.table() : RT_TABLE_UNSPEC).u8(0).u8(0)
                .u8(r.action().code()).u32(0);
        w.attributeU32(FRA_PRIORITY, r.priority());
        if (to > 0) {
            w.attributeAddress(FRA_DST, r.to().address());
        }
        if (from > 0) {
            w.attributeAddress(FRA_SRC, r.from().address());
        }
        if (r.iif() != null) {
            w.attributeString(FRA_IIFNAME, r.iif());
        }
        if (r.oif() != null) {
            w.attributeString(FRA_OIFNAME, r.oif());
        }
        if (r.action() == RuleAction.LOOKUP) {
            w.attributeU32(FRA_TABLE, r.table());
        }
        if (r.fwmark() != 0) {
            w.attributeU32(FRA_FWMARK, r.fwmark());
            w.attributeU32(FRA_FWMASK, -1);
        }
        if (r.ipProto() != 0) {
            w.attributeU8(FRA_IP_PROTO, r.ipProto());
        }
        if (r.protocol() != 0) {
            w.attributeU8(FRA_PROTOCOL, r.protocol());
        }
    }

    public static Rule decode(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        if ((b.get(body) & 0xff) != AF_INET6) {
            return null;
        }
        int toLength = b.get(body + 1) & 0xff;
        int fromLength = b.get(body + 2) & 0xff;
        int table = b.get(body + 4) & 0xff;
        RuleAction action;
        try {
            action = RuleAction.of(b.get(body + 7) & 0xff);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int priority = 0;
        Ipv6Prefix from = null;
        Ipv6Prefix to = null;
        String iif = null;
        String oif = null;
        int fwmark = 0;
        int ipProto = 0;
        int protocol = 0;
        a.reset(b, body + FIB_RULE_HDR_LENGTH, offset + length);
        while (a.next()) {
            switch (a.type()) {
                case FRA_PRIORITY -> priority = a.u32();
                case FRA_DST -> to = new Ipv6Prefix(a.address(), toLength);
                case FRA_SRC -> from = new Ipv6Prefix(a.address(), fromLength);
                case FRA_IIFNAME -> iif = a.string();
                case FRA_OIFNAME -> oif = a.string();
                case FRA_TABLE -> table = a.u32();
                case FRA_FWMARK -> fwmark = a.u32();
                case FRA_IP_PROTO -> ipProto = a.u8();
                case FRA_PROTOCOL -> protocol = a.u8();
                default -> {
                }
            }
        }
        return new Rule(priority, from, to, iif, oif, ipProto, fwmark, action, table, protocol);
    }
}
