package mobility.tunnel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.Errno;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.Link;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketSocket;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Subscription;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * Closes the path MTU gap of seg6 (kernel.md): a forwarded packet is encapsulated on input, so a packet that fits
 * the link but not the tunnel is dropped after encapsulation, and the kernel's Packet Too Big goes to the tunnel's
 * own outer source instead of the sender. This guard watches arriving packets with a filtered packet socket on
 * every interface that is up (followed through link events): an IPv6 packet for a tunnelled prefix longer than the
 * tunnel's MTU is answered with ICMPv6 Packet Too Big carrying the tunnel MTU (RFC 2473 §7.1, RFC 4443 §3.2),
 * rate-limited (RFC 4443 §2.4 (f)). The packet itself is dropped by the kernel as before.
 *
 * <p>A tunnel whose path to its far end proved smaller than its link (a router's Packet Too Big, {@link
 * TunnelPathMtu}) has its own lower MTU for its prefixes: the filter lets through what is over the smallest MTU
 * watched, and each packet is judged here against its destination's tunnel MTU. Such a packet still fits the link, so
 * the kernel encapsulates and sends it on and a router drops it; its sender has the tunnel MTU from this answer.
 */
final class PacketTooBigGuard implements AutoCloseable {

    /** RFC 4443 §2.4 (c): an error message carries as much of the invoking packet as fits in the minimum MTU. */
    private static final int MINIMUM_MTU = 1280;
    private static final int ICMPV6_HEADER = 8;
    private static final int IPV6_HEADER = 40;
    private static final int PACKET_TOO_BIG = 2;
    private static final int VIRTIO_HEADER = 10;
    private static final int ETHERNET_HEADER = 14;
    private static final int TCP = 6;
    private static final int POLL_MILLIS = 200;
    /** At most this many errors per second (RFC 4443 §2.4 (f)). */
    private static final int ERRORS_PER_SECOND = 200;

    private final NetworkNamespace namespace;
    private final KernelDriver driver;
    private final PacketSockets packetSockets;
    private final RawSocket icmp;
    private final Counters counters;
    private final Map<Integer, PacketSocket> sockets = new TreeMap<>();
    private final Map<Integer, Integer> linkHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    private final PacketBatch errors;
    private final Subscription linkEvents;
    private final AtomicBoolean linksChanged = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Watch watch = new Watch(List.of(), 0);
    /** Set once the kernel refused a filter that matches the prefixes for want of option memory. */
    private boolean prefixesInUserSpace;
    private long windowStart;
    private int sentInWindow;

    /**
     * What to watch: these destination prefixes, and the MTU of the tunnel they go into. Up to
     * {@link #FILTERED_PREFIXES} prefixes are matched by the socket filter (13 instructions each, and a filter holds
     * at most 4096); a home agent with more bindings than that has its packets matched here, in a hash set of host
     * routes, after the filter let through only what is too big.
     */
    record Watch(List<Ipv6Prefix> prefixes, int tunnelMtu, Set<Ipv6Address> hosts, List<Ipv6Prefix> networks,
            Map<Ipv6Prefix, Integer> lowered, boolean matchedInUserSpace) {

        static final int FILTERED_PREFIXES = 64;

        Watch(List<Ipv6Prefix> prefixes, int tunnelMtu) {
            this(prefixes, tunnelMtu, Map.of());
        }

        /** @param lowered prefixes whose tunnel has a smaller MTU than {@code tunnelMtu}: its path is smaller */
        Watch(List<Ipv6Prefix> prefixes, int tunnelMtu, Map<Ipv6Prefix, Integer> lowered) {
            this(prefixes, tunnelMtu, prefixes.stream().filter(p -> p.length() == 128).map(Ipv6Prefix::address)
                    .collect(Collectors.toSet()), prefixes.stream().filter(p -> p.length() < 128).toList(),
                    Map.copyOf(lowered), false);
        }

        /** The same watch with its prefixes matched here rather than by the socket filter. */
        Watch inUserSpace() {
            return new Watch(prefixes, tunnelMtu, hosts, networks, lowered, true);
        }

        /** The smallest tunnel MTU watched: the socket filter lets through what is larger. */
        int filterMtu() {
            return lowered.values().stream().mapToInt(Integer::intValue).reduce(tunnelMtu, Math::min);
        }

        /** The MTU of the tunnel a packet for {@code destination} goes into. */
        int mtuFor(Ipv6Address destination) {
            for (Map.Entry<Ipv6Prefix, Integer> e : lowered.entrySet()) {
                if (e.getKey().contains(destination)) {
                    return e.getValue();
                }
            }
            return tunnelMtu;
        }

        boolean filteredInKernel() {
            return !matchedInUserSpace && prefixes.size() <= FILTERED_PREFIXES;
        }

        /** Whether a packet for {@code destination} goes into a watched tunnel. */
        boolean covers(Ipv6Address destination) {
            if (filteredInKernel() || hosts.contains(destination)) {
                return true;
            }
            for (Ipv6Prefix p : networks) {
                if (p.contains(destination)) {
                    return true;
                }
            }
            return false;
        }
    }

    PacketTooBigGuard(NetworkNamespace namespace, KernelDriver driver, PacketSockets packetSockets,
            RawSockets rawSockets, Counters counters) {
        this.namespace = namespace;
        this.driver = driver;
        this.packetSockets = packetSockets;
        this.counters = counters;
        icmp = rawSockets.open(namespace, 58);
        icmp.filter(BpfProgram.rejectAll());
        errors = icmp.newBatch(1, MINIMUM_MTU);
        linkEvents = driver.links().subscribe((change, link) -> linksChanged.set(true));
        thread = new Thread(this::run, "mobility-tunnel-ptb-" + namespace);
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code prefixes} now, on every interface that is up; no prefixes: watches nothing. */
    synchronized void watch(List<Ipv6Prefix> prefixes, int tunnelMtu) {
        watch(prefixes, tunnelMtu, Map.of());
    }

    /** As {@link #watch(List, int)}, with the prefixes of tunnels whose path MTU is smaller and their tunnel MTU. */
    synchronized void watch(List<Ipv6Prefix> prefixes, int tunnelMtu, Map<Ipv6Prefix, Integer> lowered) {
        Watch next = new Watch(List.copyOf(prefixes), tunnelMtu, lowered);
        watch = prefixesInUserSpace ? next.inUserSpace() : next;
        if (prefixes.isEmpty()) {
            sockets.values().forEach(PacketSocket::close);
            sockets.clear();
            return;
        }
        List<Link> links = driver.links().list();
        sockets.entrySet().removeIf(e -> {
            boolean gone = links.stream().noneMatch(l -> l.index() == e.getKey() && l.up());
            if (gone) {
                e.getValue().close();
            }
            return gone;
        });
        for (Link link : links) {
            if (!link.up() || link.name().equals("lo")) {
                continue;
            }
            int linkHeader = link.address().isEmpty() ? 0 : ETHERNET_HEADER;
            try {
                attach(link, linkHeader);
            } catch (KernelException e) {
                if (e.errnoName() != Errno.ENOMEM || !watch.filteredInKernel()) {
                    throw e;
                }
                // A socket's filter is charged to its option memory (net.core.optmem_max: 20 KiB before Linux 6.9),
                // too little for one that matches many prefixes: the filter then checks the length alone.
                prefixesInUserSpace = true;
                watch = watch.inUserSpace();
                counters.add("guard.prefixes_in_user_space", 1);
                attach(link, linkHeader);
            }
        }
    }

    private void attach(Link link, int linkHeader) {
        BpfProgram program = program(watch, linkHeader);
        PacketSocket s = sockets.get(link.index());
        if (s == null) {
            sockets.put(link.index(), packetSockets.open(namespace, link.index(), program, true));
            linkHeaders.put(link.index(), linkHeader);
        } else {
            s.filter(program);
        }
    }

    /**
     * IPv6, Payload Length over the tunnel MTU less the IPv6 header, destination in one of the prefixes. Offsets
     * count from the link-layer header of {@code linkHeader} bytes; the destination address is at 24 after it. A
     * segmentation-offload packet passes on its total length and is judged by its segment size after receipt.
     */
    static BpfProgram program(Watch w, int linkHeader) {
        // The header checks reject right here: a conditional jump reaches at most 255 instructions ahead.
        BpfProgram.Builder b = BpfProgram.builder()
                .loadByte(linkHeader).and(0xf0).jumpIfEqual(0x60, null, "not-too-big")
                .loadHalf(linkHeader + 4).jumpIfGreater(Math.max(0, w.filterMtu() - IPV6_HEADER), "prefixes",
                        "not-too-big")
                .label("not-too-big").reject().label("prefixes");
        if (!w.filteredInKernel()) {
            return b.accept().build();
        }
        for (int i = 0; i < w.prefixes().size(); i++) {
            Ipv6Prefix p = w.prefixes().get(i);
            String next = i + 1 < w.prefixes().size() ? "prefix-" + (i + 1) : "reject";
            b.label("prefix-" + i);
            int remaining = p.length();
            for (int word = 0; word < 4 && remaining > 0; word++) {
                int bits = Math.min(32, remaining);
                int mask = bits == 32 ? -1 : -1 << (32 - bits);
                int value = p.address().group(word * 2) << 16 | p.address().group(word * 2 + 1);
                b.loadWord(linkHeader + 24 + 4 * word).and(mask).jumpIfEqual(value & mask, null, next);
                remaining -= bits;
            }
            b.accept(); // each prefix accepts on its own: no jump across the others
        }
        return b.label("reject").reject().build();
    }

    private void run() {
        PacketBatch batch = null;
        while (running) {
            try {
                if (linksChanged.getAndSet(false)) {
                    Watch w = watch;
                    watch(w.prefixes(), w.tunnelMtu(), w.lowered());
                }
                List<PacketSocket> open;
                synchronized (this) {
                    open = new ArrayList<>(sockets.values());
                }
                if (open.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                if (batch == null) {
                    batch = open.get(0).newBatch(16, 65535);
                }
                if (!packetSockets.awaitAny(open, POLL_MILLIS)) {
                    continue;
                }
                for (PacketSocket s : open) {
                    int n = s.receive(batch, 0);
                    int linkHeader = linkHeaders.getOrDefault(s.interfaceIndex(), ETHERNET_HEADER);
                    for (int i = 0; i < n; i++) {
                        ByteBuffer b = batch.buffer(i);
                        int ip = b.position() + VIRTIO_HEADER + linkHeader;
                        if (ip + IPV6_HEADER > b.limit()) {
                            continue;
                        }
                        Watch w = watch;
                        Ipv6Address destination = Ipv6Address.of(b.getLong(ip + 24), b.getLong(ip + 32));
                        if (w.covers(destination)) {
                            int mtu = w.mtuFor(destination);
                            if (tooBig(b, ip, mtu)) {
                                answer(b.duplicate().position(ip), mtu);
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                counters.add("ptb.error", 1);
                try {
                    Thread.sleep(POLL_MILLIS / 20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Whether a packet is over its tunnel's {@code mtu}: a plain one by its length. A segmentation-offload packet
     * (virtio_net_hdr gso_type TCPV6, its gso_size little-endian at 4) only when one segment is: the kernel segments it.
     */
    private static boolean tooBig(ByteBuffer b, int ip, int mtu) {
        int header = b.position();
        int gsoType = b.get(header + 1) & 0x7f;
        if (gsoType == 0) {
            return IPV6_HEADER + (b.getShort(ip + 4) & 0xffff) > mtu;
        }
        int gsoSize = (b.get(header + 4) & 0xff) | (b.get(header + 5) & 0xff) << 8;
        int transport = (b.get(ip + 6) & 0xff) == TCP && ip + IPV6_HEADER + 13 <= b.limit()
                ? ((b.get(ip + IPV6_HEADER + 12) & 0xf0) >>> 4) * 4 : 8;
        return IPV6_HEADER + transport + gsoSize > mtu;
    }

    /** RFC 4443 §3.2: Type 2, Code 0, the MTU, then the invoking packet; the kernel computes the checksum. */
    private void answer(ByteBuffer packet, int mtu) {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            windowStart = now;
            sentInWindow = 0;
        }
        counters.add("dropped.too_big", 1);
        if (sentInWindow >= ERRORS_PER_SECOND) {
            counters.add("ptb.rate_limited", 1);
            return;
        }
        sentInWindow++;
        ByteBuffer out = errors.buffer(0);
        out.clear();
        out.put((byte) PACKET_TOO_BIG).put((byte) 0).putShort((short) 0).putInt(mtu);
        int ip = packet.position();
        int invoking = Math.min(packet.remaining(), MINIMUM_MTU - IPV6_HEADER - ICMPV6_HEADER);
        out.put(packet.limit(ip + invoking));
        out.flip();
        errors.peer(0, Ipv6Address.of(packet.getLong(ip + 8), packet.getLong(ip + 16)), 0);
        errors.count(1);
        icmp.send(errors);
        counters.add("ptb.sent", 1);
    }

    @Override
    public void close() {
        running = false;
        linkEvents.close();
        synchronized (this) {
            sockets.values().forEach(PacketSocket::wakeUp);
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            sockets.values().forEach(PacketSocket::close);
            sockets.clear();
        }
        icmp.close();
    }
}
