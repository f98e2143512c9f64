package mobility.tunnel;

import static mobility.api.kernel.EbpfProgram.R0;
import static mobility.api.kernel.EbpfProgram.R1;
import static mobility.api.kernel.EbpfProgram.R2;
import static mobility.api.kernel.EbpfProgram.R3;
import static mobility.api.kernel.EbpfProgram.R4;
import static mobility.api.kernel.EbpfProgram.R6;
import static mobility.api.kernel.EbpfProgram.R7;
import static mobility.api.kernel.EbpfProgram.R8;
import static mobility.api.kernel.EbpfProgram.R10;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import mobility.api.kernel.EbpfMap;
import mobility.api.kernel.EbpfProgram;
import mobility.api.kernel.EbpfProgram.Condition;
import mobility.api.kernel.EbpfProgram.Size;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * The eBPF programs of the {@link BpfProvider}, RFC 2473 in the kernel.
 *
 * <p>Encapsulation, one program on the routes into every tunnel (lwtunnel bpf xmit), which finds the tunnel's end
 * points in a map by the packet's destination (or, for reverse tunnels, its source). It puts an outer IPv6 header in
 * front of the packet — version 6, the inner Traffic Class (§6.5), flow label 0, Next Header 41, Hop Limit 64 (§6.3),
 * the tunnel's two end points — with bpf_lwt_push_encap, which marks a TCP packet of up to 64 KiB as IPv6-in-IPv6
 * (SKB_GSO_IPXIP6), so the kernel forwards it whole and segments it only where a link needs it; then the kernel routes
 * it again by its new destination (BPF_LWT_REROUTE).
 *
 * <p>Decapsulation, one program at the ingress of each Ethernet-like or raw-IP link (TCX): an IPv6 packet with Next Header 41
 * addressed to a tunnel's local end ({@link #LOCALS}) is decapsulated (bpf_skb_adjust_room removes the outer header)
 * when its outer source and destination and its inner source are those of an open tunnel (an {@link #ACCEPTED}
 * longest-prefix match over the three), and otherwise dropped and counted: from anyone but the registered far end
 * (RFC 6275 §10.4.5 for a home agent), or with an inner source the tunnel does not carry. Anything else passes
 * untouched.
 */
final class BpfTunnelPrograms {

    /** Per-CPU counters of the decapsulation program, by index. */
    static final int DECAPSULATED = 0;
    static final int UNKNOWN_PEER = 1;
    static final int INNER_SOURCE = 2;
    static final int DECAP_FAILED = 3;
    static final int ENCAPSULATED = 4;
    static final int ENCAP_FAILED = 5;
    static final int NO_TUNNEL = 6;
    static final String[] COUNTER_NAMES = {"decapsulated", "dropped.unknown_peer", "dropped.inner_source",
        "dropped.decap_failed", "encapsulated", "dropped.encap_failed", "dropped.no_tunnel"};

    /** Key sizes: an address; the outer source and destination; a prefix length then the three addresses. */
    static final int LOCALS = 16;
    static final int PAIR = 32;
    static final int ACCEPTED = 4 + 48;
    /** The encapsulation maps: a prefix length and an address, to the tunnel's two end points. */
    static final int TUNNEL_KEY = 4 + 16;
    static final int TUNNEL_ENDS = 32;

    static final int ETHERNET_HEADER = 14;
    private static final int HEADER = 40;
    private static final int IPV6_IN_IPV6 = 41;
    private static final int HOP_LIMIT = 64;
    /** skb->protocol as the program reads it: ETH_P_IPV6 in network order, loaded as a little-endian word. */
    private static final int ETH_P_IPV6_LOADED = 0xdd86;
    private static final int SKB_LEN = 0;
    private static final int SKB_PROTOCOL = 16;
    // enum bpf_func_id
    private static final int MAP_LOOKUP_ELEM = 1;
    private static final int SKB_LOAD_BYTES = 26;
    private static final int SKB_ADJUST_ROOM = 50;
    private static final int LWT_PUSH_ENCAP = 73;
    private static final int BPF_LWT_ENCAP_IP = 2;
    private static final int BPF_ADJ_ROOM_MAC = 1;
    // Return codes: lwt (BPF_DROP, BPF_LWT_REROUTE) and tc (TC_ACT_OK, TC_ACT_SHOT).
    private static final int BPF_DROP = 2;
    private static final int BPF_LWT_REROUTE = 128;
    private static final int TC_ACT_OK = 0;
    private static final int TC_ACT_SHOT = 2;

    private BpfTunnelPrograms() {
    }

    /**
     * The encapsulation program for the routes into every tunnel: it finds the tunnel's end points in
     * {@code tunnels} by the packet's destination (a home agent's tunnels, by home address or mobile network prefix)
     * or by its source ({@code bySource}: a mobile node's reverse tunnel, by home address), and counts in
     * {@code counters}. Stack: -68 counter index, -64 the inner packet's first word, -56 the key (prefix length 128
     * and the address), -40 the outer header.
     */
    static EbpfProgram encapsulation(String name, boolean bySource, EbpfMap tunnels, EbpfMap counters) {
        EbpfProgram.Builder b = EbpfProgram.builder(EbpfProgram.Type.LWT_XMIT, name);
        b.move(R6, R1);
        b.storeImmediate(Size.WORD, R10, -56, 128);
        b.move(R1, R6).moveImmediate(R2, bySource ? 8 : 24).move(R3, R10).add(R3, -52).moveImmediate(R4, 16)
                .call(SKB_LOAD_BYTES);
        b.jumpIf(R0, Condition.NE, 0, "failed");
        lookup(b, tunnels, -56).jumpIf(R0, Condition.EQ, 0, "no tunnel");
        b.move(R7, R0);
        // The inner packet's first word, for its Traffic Class (bytes 0 and the high half of 1).
        b.move(R1, R6).moveImmediate(R2, 0).move(R3, R10).add(R3, -64).moveImmediate(R4, 4).call(SKB_LOAD_BYTES);
        b.jumpIf(R0, Condition.NE, 0, "failed");
        b.load(Size.WORD, R2, R10, -64).and(R2, 0xf0ff).store(Size.WORD, R10, -40, R2);
        // Payload Length: the whole inner packet (segmentation rewrites it per segment).
        b.load(Size.WORD, R2, R6, SKB_LEN).toBigEndian16(R2).store(Size.HALF, R10, -36, R2);
        b.storeImmediate(Size.BYTE, R10, -34, IPV6_IN_IPV6).storeImmediate(Size.BYTE, R10, -33, HOP_LIMIT);
        // Source and destination: the tunnel's local and far end, as the map holds them.
        for (int i = 0; i < 8; i++) {
            b.load(Size.WORD, R2, R7, 4 * i).store(Size.WORD, R10, -32 + 4 * i, R2);
        }
        b.move(R1, R6).moveImmediate(R2, BPF_LWT_ENCAP_IP).move(R3, R10).add(R3, -HEADER).moveImmediate(R4, HEADER)
                .call(LWT_PUSH_ENCAP);
        b.jumpIf(R0, Condition.NE, 0, "failed");
        b.moveImmediate(R8, ENCAPSULATED);
        count(b, counters, "encapsulated").returns(BPF_LWT_REROUTE);
        b.label("no tunnel").moveImmediate(R8, NO_TUNNEL).jump("drop");
        b.label("failed").moveImmediate(R8, ENCAP_FAILED);
        b.label("drop");
        count(b, counters, "dropped").returns(BPF_DROP);
        return b.build();
    }

    /** The key of the encapsulation maps: a prefix length, then the address. */
    static byte[] tunnelKey(Ipv6Prefix prefix) {
        ByteBuffer k = ByteBuffer.allocate(TUNNEL_KEY);
        k.order(ByteOrder.LITTLE_ENDIAN).putInt(prefix.length()).order(ByteOrder.BIG_ENDIAN);
        return k.put(prefix.network().address().toBytes()).array();
    }

    /** The value of the encapsulation maps: the outer source and destination. */
    static byte[] tunnelEnds(Ipv6Address local, Ipv6Address remote) {
        return ByteBuffer.allocate(TUNNEL_ENDS).put(local.toBytes()).put(remote.toBytes()).array();
    }

    /**
     * The decapsulation program for links whose packets start with a link-layer header of {@code l2} bytes: 14 on
     * Ethernet-like links, 0 on raw-IP links (a cellular modem in raw-IP mode, TUN, WireGuard). Stack: -68 counter
     * index, -64 next header, -60 inner version, -56 the {@link #ACCEPTED} key (prefix length, outer source, outer
     * destination at -36, inner source).
     */
    static EbpfProgram decapsulation(String name, int l2, EbpfMap locals, EbpfMap pairs, EbpfMap accepted,
            EbpfMap counters) {
        EbpfProgram.Builder b = EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, name);
        b.move(R6, R1);
        b.load(Size.WORD, R2, R6, SKB_PROTOCOL).jumpIf(R2, Condition.NE, ETH_P_IPV6_LOADED, "pass");
        loadBytes(b, l2 + 6, -64, 1).jumpIf(R0, Condition.NE, 0, "pass");
        b.load(Size.BYTE, R2, R10, -64).jumpIf(R2, Condition.NE, IPV6_IN_IPV6, "pass");
        loadBytes(b, l2 + 8, -52, PAIR).jumpIf(R0, Condition.NE, 0, "pass");
        lookup(b, locals, -36).jumpIf(R0, Condition.EQ, 0, "pass");
        // Addressed to a tunnel's end: decapsulated, or dropped.
        loadBytes(b, l2 + HEADER, -60, 1).jumpIf(R0, Condition.NE, 0, "not accepted");
        b.load(Size.BYTE, R2, R10, -60).and(R2, 0xf0).jumpIf(R2, Condition.NE, 0x60, "not accepted");
        loadBytes(b, l2 + HEADER + 8, -20, 16).jumpIf(R0, Condition.NE, 0, "not accepted");
        b.storeImmediate(Size.WORD, R10, -56, 8 * 48);
        lookup(b, accepted, -56).jumpIf(R0, Condition.NE, 0, "decapsulate");
        b.label("not accepted");
        lookup(b, pairs, -52).jumpIf(R0, Condition.EQ, 0, "unknown peer");
        b.moveImmediate(R8, INNER_SOURCE).jump("drop");
        b.label("unknown peer").moveImmediate(R8, UNKNOWN_PEER);
        b.label("drop");
        count(b, counters, "dropped").returns(TC_ACT_SHOT);
        b.label("decapsulate");
        b.move(R1, R6).moveImmediate(R2, -HEADER).moveImmediate(R3, BPF_ADJ_ROOM_MAC).moveImmediate(R4, 0)
                .call(SKB_ADJUST_ROOM);
        b.moveImmediate(R8, DECAP_FAILED).jumpIf(R0, Condition.NE, 0, "drop");
        b.moveImmediate(R8, DECAPSULATED);
        count(b, counters, "decapsulated");
        b.label("pass").returns(TC_ACT_OK);
        return b.build();
    }

    /** bpf_skb_load_bytes(skb, offset, fp + at, length). */
    private static EbpfProgram.Builder loadBytes(EbpfProgram.Builder b, int offset, int at, int length) {
        return b.move(R1, R6).moveImmediate(R2, offset).move(R3, R10).add(R3, at).moveImmediate(R4, length)
                .call(SKB_LOAD_BYTES);
    }

    /** R0 = bpf_map_lookup_elem(map, fp + at). */
    private static EbpfProgram.Builder lookup(EbpfProgram.Builder b, EbpfMap map, int at) {
        return b.loadMap(R1, map).move(R2, R10).add(R2, at).call(MAP_LOOKUP_ELEM);
    }

    /** Adds one to the per-CPU counter whose index is in R8. */
    private static EbpfProgram.Builder count(EbpfProgram.Builder b, EbpfMap counters, String where) {
        b.store(Size.WORD, R10, -68, R8);
        lookup(b, counters, -68).jumpIf(R0, Condition.EQ, 0, "counted " + where);
        b.load(Size.DOUBLE, R1, R0, 0).add(R1, 1).store(Size.DOUBLE, R0, 0, R1);
        return b.label("counted " + where);
    }

    /** The {@link #ACCEPTED} key: 256 bits of outer addresses, then {@code innerLength} bits of the inner source. */
    static byte[] acceptedKey(Ipv6Address remote, Ipv6Address local, Ipv6Address inner, int innerLength) {
        ByteBuffer k = ByteBuffer.allocate(ACCEPTED);
        k.order(ByteOrder.LITTLE_ENDIAN).putInt(256 + innerLength).order(ByteOrder.BIG_ENDIAN);
        k.put(remote.toBytes()).put(local.toBytes()).put(inner.toBytes());
        return k.array();
    }

    static byte[] pairKey(Ipv6Address remote, Ipv6Address local) {
        return ByteBuffer.allocate(PAIR).put(remote.toBytes()).put(local.toBytes()).array();
    }
}
