package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;
import java.util.EnumSet;

import mobility.api.net.Ipv6Address;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.NeighbourState;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** RTM_*NEIGH messages for IPv6: struct ndmsg, NDA_DST, NDA_LLADDR, NDA_PROTOCOL; NTF_PROXY for proxy entries. */
public final class NeighbourCodec {

    private NeighbourCodec() {
    }

    static void header(MessageWriter w, int ifindex, int state, int flags) {
        w.u8(AF_INET6).u8(0).u16(0).u32(ifindex).u16(state).u8(flags).u8(0);
    }

    static void add(MessageWriter w, Neighbour n) {
        int state = 0;
        for (NeighbourState s : n.states()) {
            state |= s.bit();
        }
        int flags = (n.proxy() ? NTF_PROXY : 0) | (n.router() ? NTF_ROUTER : 0);
        header(w, n.ifindex(), n.proxy() ? NUD_PERMANENT : state, flags);
        w.attributeAddress(NDA_DST, n.address());
        if (!n.lladdr().isEmpty()) {
            w.attributeBytes(NDA_LLADDR, parseHex(n.lladdr()));
        }
        if (n.protocol() != 0) {
            w.attributeU8(NDA_PROTOCOL, n.protocol());
        }
    }

    static void remove(MessageWriter w, Neighbour n) {
        header(w, n.ifindex(), 0, n.proxy() ? NTF_PROXY : 0);
        w.attributeAddress(NDA_DST, n.address());
    }

    static byte[] parseHex(String lladdr) {
        String[] parts = lladdr.split(":");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a link-layer address: " + lladdr, e);
            }
        }
        return out;
    }

    public static Neighbour decode(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        if ((b.get(body) & 0xff) != AF_INET6) {
            return null;
        }
        int ifindex = b.getInt(body + 4);
        int state = b.getShort(body + 8) & 0xffff;
        int flags = b.get(body + 10) & 0xff;
        Ipv6Address address = null;
        String lladdr = "";
        int protocol = 0;
        a.reset(b, body + NDMSG_LENGTH, offset + length);
        while (a.next()) {
            switch (a.type()) {
                case NDA_DST -> address = a.address();
                case NDA_LLADDR -> lladdr = a.hex();
                case NDA_PROTOCOL -> protocol = a.u8();
                default -> {
                }
            }
        }
        if (address == null) {
            return null;
        }
        boolean proxy = (flags & NTF_PROXY) != 0;
        EnumSet<NeighbourState> states = EnumSet.noneOf(NeighbourState.class);
        if (!proxy) {
            for (NeighbourState s : NeighbourState.values()) {
                if ((state & s.bit()) != 0) {
                    states.add(s);
                }
            }
        }
        return new Neighbour(ifindex, address, lladdr, states, proxy, (flags & NTF_ROUTER) != 0, protocol);
    }
}
