package mobility.netlink.xfrm;

import static mobility.netlink.xfrm.Xfrm.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.XfrmAlgorithm;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmMode;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmProtocol;
import mobility.api.kernel.XfrmSelector;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmTemplate;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** XFRM messages: the fixed structs of xfrm.h written and read field by field, and XFRMA_* attributes. */
public final class XfrmCodec {

    private XfrmCodec() {
    }

    /**
     * struct xfrm_selector. Ports carry the ICMPv6 or Mobility Header type in the source port field (the kernel's
     * xfrm_flowi_sport), so a type selector is sport = type with a full mask.
     */
    static void selector(MessageWriter w, XfrmSelector s) {
        if (s == null) {
            w.zeros(SELECTOR_LENGTH);
            return;
        }
        w.address(s.destination().address()).address(s.source().address());
        w.be16(0).be16(0);
        if (s.type() >= 0) {
            w.be16(s.type()).be16(0xffff);
        } else {
            w.be16(0).be16(0);
        }
        w.u16(AF_INET6).u8(s.destination().length()).u8(s.source().length()).u8(s.protocol()).zeros(3);
        w.u32(s.ifindex()).u32(0);
    }

    static void lifetimes(MessageWriter w) {
        w.u64(XFRM_INF).u64(XFRM_INF).u64(XFRM_INF).u64(XFRM_INF).u64(0).u64(0).u64(0).u64(0);
        w.zeros(LIFETIME_CUR_LENGTH);
    }

    private static final XfrmSelector ANY_TRAFFIC = XfrmSelector.between(Ipv6Prefix.DEFAULT, Ipv6Prefix.DEFAULT);

    /** struct xfrm_usersa_info, then the care-of address and algorithms. */
    static void state(MessageWriter w, XfrmState s) {
        selector(w, s.selector());
        w.address(s.destination()).be32((int) s.spi()).u8(s.protocol().number()).zeros(3);
        w.address(s.source());
        lifetimes(w);
        w.zeros(12);
        w.u32(0).u32((int) s.reqid()).u16(AF_INET6).u8(s.mode().code()).u8(0).u8(flags(s)).zeros(7);
        if (s.careOfAddress() != null) {
            w.attributeAddress(XFRMA_COADDR, s.careOfAddress());
        }
        if (s.encryption() != null) {
            algorithm(w, XFRMA_ALG_CRYPT, s.encryption(), false);
        }
        if (s.authentication() != null) {
            algorithm(w, XFRMA_ALG_AUTH_TRUNC, s.authentication(), true);
        }
        if (s.aead() != null) {
            algorithm(w, XFRMA_ALG_AEAD, s.aead(), true);
        }
    }

    /**
     * XFRM_STATE_WILDRECV for a route-optimisation state with an unspecified address: the kernel's receive-side
     * lookup of a Home Address option or Type 2 routing header (xfrm6_input_addr) falls back to wildcard addresses
     * only for states with this flag. Such a state matches nothing on output, so it is a receive state by nature.
     */
    private static int flags(XfrmState s) {
        boolean wildcard = s.source().equals(Ipv6Address.UNSPECIFIED) || s.destination().equals(Ipv6Address.UNSPECIFIED);
        return s.mode() == XfrmMode.ROUTE_OPTIMIZATION && wildcard ? XFRM_STATE_WILDRECV : 0;
    }

    /** struct xfrm_algo (name, key bits, key) or xfrm_algo_auth / xfrm_algo_aead (with truncation / ICV bits). */
    private static void algorithm(MessageWriter w, int type, XfrmAlgorithm algorithm, boolean withBits) {
        byte[] key = algorithm.key();
        int nest = w.beginNest(type);
        w.fixedString(algorithm.name(), ALGORITHM_NAME_LENGTH).u32(key.length * 8);
        if (withBits) {
            w.u32(algorithm.bits());
        }
        w.bytes(key);
        w.endNest(nest);
    }

    /**
     * struct xfrm_usersa_id; a route-optimisation state has no SPI, so the kernel finds it by source address
     * (XFRMA_SRCADDR) instead.
     */
    static void stateId(MessageWriter w, XfrmState s) {
        w.address(s.destination()).be32((int) s.spi()).u16(AF_INET6).u8(s.protocol().number()).u8(0);
        w.attributeAddress(XFRMA_SRCADDR, s.source());
    }

    /** struct xfrm_userpolicy_info, then the templates as one XFRMA_TMPL array of struct xfrm_user_tmpl. */
    static void policy(MessageWriter w, XfrmPolicy p) {
        selector(w, p.selector());
        lifetimes(w);
        w.u32((int) p.priority()).u32(0).u8(p.direction().code()).u8(p.block() ? 1 : 0).u8(0).u8(0).zeros(4);
        if (!p.templates().isEmpty()) {
            int nest = w.beginNest(XFRMA_TMPL);
            for (XfrmTemplate t : p.templates()) {
                Ipv6Address dst = t.destination() == null ? Ipv6Address.UNSPECIFIED : t.destination();
                Ipv6Address src = t.source() == null ? Ipv6Address.UNSPECIFIED : t.source();
                w.address(dst).be32(0).u8(t.protocol().number()).zeros(3);
                w.u16(AF_INET6).zeros(2).address(src);
                w.u32((int) t.reqid()).u8(t.mode().code()).u8(0).u8(t.optional() ? 1 : 0).u8(0);
                w.u32(-1).u32(-1).u32(-1);
            }
            w.endNest(nest);
        }
    }

    /** struct xfrm_userpolicy_id naming the policy by its kernel index when known, else by selector. */
    static void policyId(MessageWriter w, XfrmPolicy p) {
        selector(w, p.index() == 0 ? p.selector() : null);
        w.u32((int) p.index()).u8(p.direction().code()).zeros(3);
    }

    static XfrmSelector decodeSelector(ByteBuffer b, int at) {
        int family = b.getShort(at + 40) & 0xffff;
        if (family != AF_INET6) {
            return null;
        }
        Ipv6Prefix dst = new Ipv6Prefix(Attributes.address(b, at), b.get(at + 42) & 0xff);
        Ipv6Prefix src = new Ipv6Prefix(Attributes.address(b, at + 16), b.get(at + 43) & 0xff);
        int sportMask = Attributes.be16(b, at + 38);
        int type = sportMask == 0 ? -1 : Attributes.be16(b, at + 36);
        return new XfrmSelector(src, dst, b.get(at + 44) & 0xff, type, b.getInt(at + 48));
    }

    /** A state of an IPv6 SA, or {@code null} for other families and protocols. */
    public static XfrmState decodeState(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        if ((b.getShort(body + USERSA_FAMILY_OFFSET) & 0xffff) != AF_INET6) {
            return null;
        }
        XfrmProtocol protocol;
        try {
            protocol = XfrmProtocol.of(b.get(body + USERSA_ID_OFFSET + 20) & 0xff);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Ipv6Address destination = Attributes.address(b, body + USERSA_ID_OFFSET);
        long spi = Attributes.be32(b, body + USERSA_ID_OFFSET + 16);
        Ipv6Address source = Attributes.address(b, body + USERSA_SADDR_OFFSET);
        long reqid = b.getInt(body + USERSA_REQID_OFFSET) & 0xffff_ffffL;
        XfrmMode mode = XfrmMode.of(b.get(body + USERSA_MODE_OFFSET) & 0xff);
        Ipv6Address careOf = null;
        XfrmAlgorithm encryption = null;
        XfrmAlgorithm authentication = null;
        XfrmAlgorithm aead = null;
        a.reset(b, body + USERSA_INFO_LENGTH, offset + length);
        while (a.next()) {
            switch (a.type()) {
                case XFRMA_COADDR -> careOf = a.address();
                case XFRMA_ALG_CRYPT -> encryption = decodeAlgorithm(b, a.valueOffset(), false);
                case XFRMA_ALG_AUTH_TRUNC -> authentication = decodeAlgorithm(b, a.valueOffset(), true);
                case XFRMA_ALG_AEAD -> aead = decodeAlgorithm(b, a.valueOffset(), true);
                default -> {
                }
            }
        }
        // A state's selector of all wildcards is how the kernel stores "any", which XfrmState writes as null.
        XfrmSelector selector = decodeSelector(b, body);
        if (ANY_TRAFFIC.equals(selector)) {
            selector = null;
        }
        return new XfrmState(source, destination, protocol, spi, mode, reqid, selector, careOf, encryption,
                authentication, aead);
    }

    private static XfrmAlgorithm decodeAlgorithm(ByteBuffer b, int at, boolean withBits) {
        String name = Attributes.string(b, at, ALGORITHM_NAME_LENGTH);
        int keyBits = b.getInt(at + ALGORITHM_NAME_LENGTH);
        int bits = withBits ? b.getInt(at + ALGORITHM_NAME_LENGTH + 4) : 0;
        byte[] key = new byte[(keyBits + 7) / 8];
        b.get(at + ALGORITHM_NAME_LENGTH + (withBits ? 8 : 4), key);
        return new XfrmAlgorithm(name, key, bits);
    }

    /** An IPv6 policy with its templates, or {@code null} for other families. */
    public static XfrmPolicy decodePolicy(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        XfrmSelector selector = decodeSelector(b, body);
        if (selector == null) {
            return null;
        }
        long priority = b.getInt(body + USERPOLICY_PRIORITY_OFFSET) & 0xffff_ffffL;
        long index = b.getInt(body + USERPOLICY_PRIORITY_OFFSET + 4) & 0xffff_ffffL;
        XfrmDirection direction = XfrmDirection.of(b.get(body + USERPOLICY_PRIORITY_OFFSET + 8) & 0xff);
        boolean block = b.get(body + USERPOLICY_PRIORITY_OFFSET + 9) != 0;
        List<XfrmTemplate> templates = new ArrayList<>();
        a.reset(b, body + USERPOLICY_INFO_LENGTH, offset + length);
        while (a.next()) {
            if (a.type() == XFRMA_TMPL) {
                for (int t = a.valueOffset(); t + USER_TMPL_LENGTH <= a.valueEnd(); t += USER_TMPL_LENGTH) {
                    templates.add(decodeTemplate(b, t));
                }
            }
        }
        return new XfrmPolicy(selector, direction, priority, block, templates, index);
    }

    private static XfrmTemplate decodeTemplate(ByteBuffer b, int at) {
        Ipv6Address dst = Attributes.address(b, at);
        Ipv6Address src = Attributes.address(b, at + 28);
        return new XfrmTemplate(XfrmProtocol.of(b.get(at + 20) & 0xff), XfrmMode.of(b.get(at + 48) & 0xff),
                src.equals(Ipv6Address.UNSPECIFIED) ? null : src, dst.equals(Ipv6Address.UNSPECIFIED) ? null : dst,
                b.getInt(at + 44) & 0xffff_ffffL, b.get(at + 50) != 0);
    }
}
