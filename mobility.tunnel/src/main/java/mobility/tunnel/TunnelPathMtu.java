package mobility.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import mobility.api.net.Ipv6Address;

/**
 * The path MTU from this node to each tunnel's far end (RFC 8201), learnt from ICMPv6 Packet Too Big messages about
 * the tunnel's own outer packets, and the tunnel MTU it gives (RFC 2473 §7.1): the path MTU less the outer header,
 * never below the IPv6 minimum. Only lowered by a message that passes {@link #judge}; raised again only by aging.
 *
 * <p>Aging: RFC 8201 §4 lets a node try a larger path MTU no sooner than 5 minutes after a Packet Too Big lowered it,
 * and §5.3 suggests 10 minutes; this table forgets an estimate 10 minutes after it was last lowered (or confirmed by
 * another Packet Too Big for the same MTU), so the tunnel goes back to its link's MTU and a smaller path is found again
 * by the next Packet Too Big. The kernel's own PMTU aging (net.ipv6.route.mtu_expires) cannot do it: without ip6tnl
 * the kernel makes no route exception for a Packet Too Big about an IPv6-in-IPv6 packet (measured on Linux 6.18:
 * Icmp6InPktTooBigs counts it, {@code ip -6 route get} the far end shows no MTU, with or without a raw socket for
 * protocol 41 open), so nothing but this table knows the smaller path.
 */
final class TunnelPathMtu {

    /** RFC 8200 §5: every link carries at least 1280 bytes. */
    static final int IPV6_MINIMUM_MTU = 1280;
    static final int OUTER_HEADER = 40;
    /** RFC 8201 §5.3: 10 minutes before an estimate ages out (§4: at least 5). */
    static final long AGING_NANOS = 10 * 60 * 1_000_000_000L;
    private static final int ICMPV6_HEADER = 8;
    private static final int PACKET_TOO_BIG = 2;
    private static final int IPV6_IN_IPV6 = 41;

    /** What a received Packet Too Big comes to; the name is its counter. */
    enum Verdict {
        LOWERED("pmtu.lowered"),
        /** RFC 8201 §4: a Packet Too Big never raises the estimate; the same MTU again restarts its aging. */
        NOT_LOWER("pmtu.ignored.not_lower"),
        /** RFC 4443 §3.2, RFC 8201 §4: shorter than a Packet Too Big with an IPv6 header in it. */
        MALFORMED("pmtu.ignored.malformed"),
        /** RFC 8201 §4: a next-hop MTU below 1280 is discarded. */
        BELOW_MINIMUM("pmtu.ignored.below_minimum"),
        /**
         * RFC 4443 §5.2, RFC 8201 §6: the invoking packet is not one of our tunnels' outer packets (version 6, next
         * header 41, source and destination the two end points of an open tunnel): forged, or about someone else.
         */
        NOT_OUR_TUNNEL("pmtu.ignored.not_our_tunnel"),
        /** The invoking packet was no longer than the MTU the message reports, so it cannot have been too big. */
        INCONSISTENT("pmtu.ignored.inconsistent");

        final String counter;

        Verdict(String counter) {
            this.counter = counter;
        }
    }

    /** Which (local end, far end) pairs are open tunnels' now. */
    interface Tunnels {
        boolean has(long localHigh, long localLow, long remoteHigh, long remoteLow);
    }

    private record Estimate(int pathMtu, long since) {
    }

    private final Map<Ipv6Address, Estimate> estimates = new ConcurrentHashMap<>();
    private final Counters counters;

    TunnelPathMtu(Counters counters) {
        this.counters = counters;
    }

    /**
     * Judges an ICMPv6 message between {@code icmp}'s position and limit (from its type on) and, when it is a valid
     * Packet Too Big about an open tunnel's packet that lowers that far end's path MTU, records it; counts the verdict.
     * The far end is in {@code remote[0]} after a {@link Verdict#LOWERED}.
     */
    Verdict judge(ByteBuffer icmp, Tunnels tunnels, long now, Ipv6Address[] remote) {
        Verdict v = judged(icmp, tunnels, now, remote);
        counters.add(v.counter, 1);
        return v;
    }

    private Verdict judged(ByteBuffer icmp, Tunnels tunnels, long now, Ipv6Address[] remote) {
        int at = icmp.position();
        if (icmp.remaining() < ICMPV6_HEADER + OUTER_HEADER || (icmp.get(at) & 0xff) != PACKET_TOO_BIG) {
            return Verdict.MALFORMED;
        }
        long mtu = icmp.getInt(at + 4) & 0xffff_ffffL;
        int ip = at + ICMPV6_HEADER;
        if ((icmp.get(ip) & 0xf0) != 0x60 || (icmp.get(ip + 6) & 0xff) != IPV6_IN_IPV6
                || !tunnels.has(icmp.getLong(ip + 8), icmp.getLong(ip + 16), icmp.getLong(ip + 24),
                        icmp.getLong(ip + 32))) {
            return Verdict.NOT_OUR_TUNNEL;
        }
        if (mtu < IPV6_MINIMUM_MTU) {
            return Verdict.BELOW_MINIMUM;
        }
        int invokingLength = OUTER_HEADER + (icmp.getShort(ip + 4) & 0xffff);
        if (invokingLength <= mtu) {
            return Verdict.INCONSISTENT;
        }
        Ipv6Address far = Ipv6Address.of(icmp.getLong(ip + 24), icmp.getLong(ip + 32));
        Estimate before = estimates.get(far);
        if (before != null && before.pathMtu() <= mtu) {
            if (before.pathMtu() == mtu) {
                estimates.put(far, new Estimate(before.pathMtu(), now));
            }
            return Verdict.NOT_LOWER;
        }
        estimates.put(far, new Estimate((int) mtu, now));
        remote[0] = far;
        return Verdict.LOWERED;
    }

    /**
     * The MTU of a tunnel to {@code remote} whose outer packets leave through a link of {@code linkMtu}: RFC 2473
     * §7.1, the path MTU less the outer header, at least 1280. On a path under 1320 the tunnel stays at 1280 and its
     * larger outer packets are fragmented ({@link OuterFragments}).
     */
    int tunnelMtu(Ipv6Address remote, int linkMtu) {
        return Math.max(IPV6_MINIMUM_MTU, pathMtu(remote, linkMtu) - OUTER_HEADER);
    }

    /** The path MTU to {@code remote}: its link's, or the smaller one a Packet Too Big reported. */
    int pathMtu(Ipv6Address remote, int linkMtu) {
        Estimate e = estimates.get(remote);
        return e == null ? linkMtu : Math.min(linkMtu, e.pathMtu());
    }

    /** Whether the path to {@code remote} is known to be smaller than its link. */
    boolean lowered(Ipv6Address remote) {
        return estimates.containsKey(remote);
    }

    /** Forgets the estimates older than the aging time; returns their far ends (counted as pmtu.expired). */
    List<Ipv6Address> expire(long now) {
        List<Ipv6Address> out = new ArrayList<>();
        estimates.forEach((far, e) -> {
            if (now - e.since() >= AGING_NANOS && estimates.remove(far, e)) {
                out.add(far);
            }
        });
        counters.add("pmtu.expired", out.size());
        return out;
    }

    /** Forgets what is known of the path to {@code remote}: no open tunnel goes there any more. */
    void forget(Ipv6Address remote) {
        estimates.remove(remote);
    }

    /** Forgets the far ends no open tunnel uses any more. */
    void retain(Set<Ipv6Address> remotes) {
        estimates.keySet().retainAll(remotes);
    }
}
