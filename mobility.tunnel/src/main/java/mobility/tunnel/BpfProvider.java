package mobility.tunnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import mobility.api.kernel.BpfEncap;
import mobility.api.kernel.Change;
import mobility.api.kernel.Ebpf;
import mobility.api.kernel.EbpfMap;
import mobility.api.kernel.EbpfProgram;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Route;
import mobility.api.kernel.Subscription;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * IPv6-in-IPv6 (RFC 2473) by eBPF programs in the kernel ({@link BpfTunnelPrograms}), for kernels with neither
 * ip6tnl nor seg6 lightweight tunnels but with lwtunnel BPF and TCX (Linux 6.6): the packets never leave the kernel,
 * and a TCP packet of 64 KiB crosses the tunnel whole, as through the kernel's own tunnels. The routes into the
 * tunnels carry an encapsulation program that finds each packet's tunnel in a map; one decapsulation program at the
 * ingress of each Ethernet-like or raw-IP link checks what arrives against maps of the open tunnels. Opening, moving or closing
 * a tunnel changes map entries and routes, never a program.
 *
 * <p>Path MTU (RFC 2473 §7.1): the routes into a tunnel have the tunnel MTU as their route MTU, the link's less the
 * outer header, so the kernel answers a forwarded packet that does not fit with Packet Too Big and sizes its own TCP
 * to it. A router's Packet Too Big about the outer packets lowers it per far end, as for the user-space tunnel
 * ({@link PacketTooBigReceiver}, {@link TunnelPathMtu}); on a path under 1320 bytes the tunnel MTU stays 1280 and
 * the larger outer packets are lost: this provider does not fragment them (the user-space tunnel does).
 *
 * <p>A decapsulated packet continues as if it had arrived on its link without the outer header: packet sockets for
 * IPv6 on that link see it there, those for every protocol (ETH_P_ALL) saw the outer packet. The signalling path's
 * are of the second kind, so it tells a tunnelled Mobility Header and its far end (RFC 6275 §11.6.2, the Home Test
 * of return routability) from the outer header; nothing here marks the packet.
 */
final class BpfProvider implements CountedProvider {

    static final String NAME = "bpf";
    private static final int MAX_TUNNELS = 1 << 16;
    private static final java.util.regex.Pattern ETHERNET_ADDRESS =
            java.util.regex.Pattern.compile("(\\p{XDigit}{2}:){5}\\p{XDigit}{2}");

    private final NetworkNamespace namespace;
    private final KernelDriver driver;
    private final Ebpf ebpf;
    private final RawSockets rawSockets;
    private final Counters counters = new Counters();
    private final TunnelPathMtu pathMtu = new TunnelPathMtu(counters);
    private final TunnelRouting routing = new TunnelRouting(TunnelTables.BPF);
    private final TunnelTables.Allocator tables = new TunnelTables.Allocator(TunnelTables.BPF);
    private final SharedKernelObjects shared = new SharedKernelObjects();
    private final Set<BpfTunnel> open = new LinkedHashSet<>();
    /** How many open tunnels hold each key of the maps: the kernel's entry goes with the last of them. */
    private final Map<Key, Integer> held = new HashMap<>();
    private final Map<Integer, Ebpf.Attachment> attached = new HashMap<>();
    /** The end points of the open tunnels, for the Packet Too Big receiver's thread. */
    private final Set<Pair> openPairs = ConcurrentHashMap.newKeySet();
    /** Which tunnel each key of the encapsulation maps belongs to now. */
    private final Map<Key, BpfTunnel> encapsulating = new HashMap<>();
    private EbpfMap byDestination;
    private EbpfMap bySource;
    private EbpfProgram.Loaded encapsulateByDestination;
    private EbpfProgram.Loaded encapsulateBySource;
    private EbpfMap locals;
    private EbpfMap pairs;
    private EbpfMap accepted;
    private EbpfMap programCounters;
    private EbpfProgram.Loaded decapsulation;
    private EbpfProgram.Loaded decapsulationRawIp;
    private PacketTooBigReceiver packetTooBig;
    private Subscription linkEvents;
    /** The main table and the links, read again only when the kernel announced a change. */
    private MainTableView view;
    /** The view's link event count when the links were last attached to. */
    private int attachedAtLinkEvent = -1;
    /** Open tunnels of a home agent (no reverse tunnels): while there are, the shared table's rule is there. */
    private int forwardTunnels;
    /** How many open tunnels go to each far end: the path MTU of one no tunnel goes to is forgotten. */
    private final Map<Ipv6Address, Integer> remotes = new HashMap<>();
    private boolean sharedRule;

    private record Pair(Ipv6Address local, Ipv6Address remote) {

        /** From a key of the pairs map: the far end, then the local end. */
        static Pair of(byte[] pairKey) {
            return new Pair(Ipv6Address.read(pairKey, 16), Ipv6Address.read(pairKey, 0));
        }
    }

    /** A key of one of the maps. */
    private record Key(EbpfMap map, byte[] bytes) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && map == k.map && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(map) * 31 + Arrays.hashCode(bytes);
        }
    }

    BpfProvider(NetworkNamespace namespace, KernelDriver driver, Ebpf ebpf, RawSockets rawSockets) {
        this.namespace = namespace;
        this.driver = driver;
        this.ebpf = ebpf;
        this.rawSockets = rawSockets;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Between seg6 and the user-space tunnel: in the kernel like seg6, at the kernel's speed. */
    @Override
    public int preference() {
        return 150;
    }

    @Override
    public Availability availability() {
        Availability lwt = TunnelRouting.availability(driver, KernelFeature.LWT_BPF, "lwtunnel BPF");
        Availability tcx = TunnelRouting.availability(driver, KernelFeature.TCX, "TCX");
        if (!lwt.available()) {
            return lwt;
        }
        if (!tcx.available()) {
            return tcx;
        }
        return new Availability(true, lwt.reason() + "; " + tcx.reason());
    }

    @Override
    public synchronized Tunnel open(TunnelSpec spec) throws TunnelException {
        Availability a = availability();
        if (!a.available()) {
            throw new TunnelException("bpf is unavailable: " + a.reason());
        }
        try {
            if (open.isEmpty()) {
                start();
            }
            BpfTunnel t = new BpfTunnel(spec);
            open.add(t);
            remotes.merge(t.spec.remote(), 1, Integer::sum);
            if (t.spec.fromOnly() == null) {
                forwardTunnels++;
            }
            sharedRule = routing.sharedRule(driver, sharedRule, forwardTunnels > 0);
            return t;
        } catch (KernelException | IllegalStateException e) {
            if (open.isEmpty()) {
                stop();
            }
            throw new TunnelException("bpf tunnel " + spec.local() + " -> " + spec.remote() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The maps, the decapsulation program and the Packet Too Big receiver. */
    private void start() {
        try {
            locals = ebpf.createMap(EbpfMap.Type.HASH, "mip6_locals", BpfTunnelPrograms.LOCALS, 4, MAX_TUNNELS);
            pairs = ebpf.createMap(EbpfMap.Type.HASH, "mip6_pairs", BpfTunnelPrograms.PAIR, 4, MAX_TUNNELS);
            accepted = ebpf.createMap(EbpfMap.Type.LPM_TRIE, "mip6_accepted", BpfTunnelPrograms.ACCEPTED, 4,
                    MAX_TUNNELS);
            programCounters = ebpf.createMap(EbpfMap.Type.PERCPU_ARRAY, "mip6_counters", 4, 8,
                    BpfTunnelPrograms.COUNTER_NAMES.length);
            byDestination = ebpf.createMap(EbpfMap.Type.LPM_TRIE, "mip6_enc_dst", BpfTunnelPrograms.TUNNEL_KEY,
                    BpfTunnelPrograms.TUNNEL_ENDS, MAX_TUNNELS);
            bySource = ebpf.createMap(EbpfMap.Type.LPM_TRIE, "mip6_enc_src", BpfTunnelPrograms.TUNNEL_KEY,
                    BpfTunnelPrograms.TUNNEL_ENDS, MAX_TUNNELS);
            encapsulateByDestination = ebpf.load(BpfTunnelPrograms.encapsulation("mip6_enc_dst", false,
                    byDestination, programCounters));
            encapsulateBySource = ebpf.load(BpfTunnelPrograms.encapsulation("mip6_enc_src", true, bySource,
                    programCounters));
            decapsulation = ebpf.load(BpfTunnelPrograms.decapsulation("mip6_decap", BpfTunnelPrograms.ETHERNET_HEADER,
                    locals, pairs, accepted, programCounters));
            decapsulationRawIp = ebpf.load(BpfTunnelPrograms.decapsulation("mip6_decap_raw", 0, locals, pairs,
                    accepted, programCounters));
            view = new MainTableView(driver);
            attachToLinks();
            // A link that appears later (or comes back) gets the decapsulation program too; one that went lets go of
            // it. Run apart from the driver's event thread, which must not wait for this provider's lock.
            linkEvents = driver.links().subscribe((change, link) -> CompletableFuture.runAsync(
                    () -> linkChanged(change, link)));
            packetTooBig = new PacketTooBigReceiver(namespace, rawSockets, pathMtu, this::isTunnel,
                    far -> CompletableFuture.runAsync(() -> pathMtuChanged(far)), counters, NAME);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void stop() {
        if (linkEvents != null) {
            linkEvents.close();
            linkEvents = null;
        }
        if (view != null) {
            view.close();
            view = null;
        }
        attachedAtLinkEvent = -1;
        forwardTunnels = 0;
        remotes.clear();
        if (packetTooBig != null) {
            packetTooBig.close();
            packetTooBig = null;
        }
        pathMtu.retain(Set.of());
        attached.values().forEach(Ebpf.Attachment::close);
        attached.clear();
        try {
            sharedRule = routing.sharedRule(driver, sharedRule, false);
        } finally {
            sharedRule = false;
        }
        if (programCounters != null) {
            // What the program counted stays in this provider's counters.
            for (int i = 0; i < BpfTunnelPrograms.COUNTER_NAMES.length; i++) {
                counters.add(BpfTunnelPrograms.COUNTER_NAMES[i], programCounters.sum(i));
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {decapsulation, decapsulationRawIp, encapsulateByDestination,
            encapsulateBySource,
            byDestination, bySource, locals, pairs, accepted, programCounters}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    counters.add("close.failed", 1);
                }
            }
        }
        decapsulation = null;
        decapsulationRawIp = null;
        encapsulateByDestination = null;
        encapsulateBySource = null;
        byDestination = null;
        bySource = null;
        encapsulating.clear();
        locals = null;
        pairs = null;
        accepted = null;
        programCounters = null;
        held.clear();
        openPairs.clear();
    }

    /**
     * The decapsulation program at the ingress of every link not yet attached to (the tunnels' packets arrive on the
     * link towards their far end, which a move can change): the Ethernet program on links with a 6-byte link-layer
     * address, the raw-IP one on links with none (a cellular modem in raw-IP mode, TUN, WireGuard). Loopback, the
     * platform's own links and the kernel's fallback tunnel devices (ip6tnl0, sit0: their address is an IP address)
     * are left out.
     */
    private void attachToLinks() {
        int events = view.linkEvents();
        if (events == attachedAtLinkEvent) {
            return;
        }
        attachedAtLinkEvent = events;
        for (Link l : view.linkList()) {
            EbpfProgram.Loaded program = decapsulationFor(l);
            if (program != null && !attached.containsKey(l.index())) {
                try {
                    attached.put(l.index(), ebpf.attachIngress(namespace, l.index(), program));
                    counters.add("links.attached", 1);
                } catch (KernelException e) {
                    // Gone since it was listed, say: tried again at the next link event or move.
                    counters.add("links.attach_failed", 1);
                    attachedAtLinkEvent = -1;
                }
            }
        }
    }

    private EbpfProgram.Loaded decapsulationFor(Link l) {
        if ("lo".equals(l.name()) || l.name().startsWith(KernelMarks.LINK_PREFIX)) {
            return null;
        }
        String address = l.address();
        if (address == null || address.isEmpty()) {
            return decapsulationRawIp;
        }
        return ETHERNET_ADDRESS.matcher(address).matches() ? decapsulation : null;
    }

    private synchronized void linkChanged(Change change, Link link) {
        if (decapsulation == null) {
            return;
        }
        if (change == Change.DELETED) {
            Ebpf.Attachment a = attached.remove(link.index());
            if (a != null) {
                a.close();
            }
            return;
        }
        attachToLinks();
    }

    /**
     * Adds (+1) or drops (-1) a tunnel's hold on its map entries: its local end, its pair, its inner sources. All or
     * nothing: when the kernel refuses an entry (a full map), the holds taken so far are given back.
     */
    private void hold(TunnelSpec s, int delta) {
        List<Key> keys = new ArrayList<>();
        keys.add(new Key(locals, s.local().toBytes()));
        keys.add(new Key(pairs, BpfTunnelPrograms.pairKey(s.remote(), s.local())));
        for (Ipv6Prefix p : s.acceptedInner()) {
            keys.add(new Key(accepted, BpfTunnelPrograms.acceptedKey(s.remote(), s.local(), p.network().address(),
                    p.length())));
        }
        for (int i = 0; i < keys.size(); i++) {
            try {
                hold(keys.get(i), delta);
            } catch (RuntimeException e) {
                for (int j = 0; j < i; j++) {
                    hold(keys.get(j), -delta);
                }
                throw e;
            }
        }
    }

    private void hold(Key k, int delta) {
        int now = held.getOrDefault(k, 0) + delta;
        if (now <= 0) {
            held.remove(k);
            k.map().remove(k.bytes());
            if (k.map() == pairs) {
                openPairs.remove(Pair.of(k.bytes()));
            }
        } else {
            if (k.map() == pairs) {
                openPairs.add(Pair.of(k.bytes()));
            }
            if (now == 1 && delta > 0) {
                k.map().put(k.bytes(), new byte[4]);
            }
            held.put(k, now);
        }
    }

    /**
     * Whether an open tunnel has these end points: a Packet Too Big about its outer packet is for us. Asked on the
     * receiver's thread, which must not wait for this provider's lock (stop() holds it while it closes the receiver).
     */
    private boolean isTunnel(long localHigh, long localLow, long remoteHigh, long remoteLow) {
        return openPairs.contains(new Pair(Ipv6Address.of(localHigh, localLow), Ipv6Address.of(remoteHigh, remoteLow)));
    }

    /** The path MTU to {@code far} changed: the routes of every tunnel to it get the new tunnel MTU. */
    private synchronized void pathMtuChanged(Ipv6Address far) {
        for (BpfTunnel t : open) {
            if (t.spec.remote().equals(far)) {
                try {
                    t.install(t.spec);
                } catch (KernelException e) {
                    counters.add("pmtu.route_failed", 1);
                }
            }
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>(counters.snapshot());
        synchronized (this) {
            if (programCounters != null) {
                for (int i = 0; i < BpfTunnelPrograms.COUNTER_NAMES.length; i++) {
                    out.merge(BpfTunnelPrograms.COUNTER_NAMES[i], programCounters.sum(i), Long::sum);
                }
            }
            out.put("tunnels", (long) open.size());
        }
        return out;
    }

    private synchronized void closed(BpfTunnel t) {
        if (open.remove(t)) {
            hold(t.spec, -1);
            farEndReleased(t.spec.remote());
            if (t.spec.fromOnly() == null) {
                forwardTunnels--;
            }
        }
        if (open.isEmpty()) {
            stop();
        } else {
            sharedRule = routing.sharedRule(driver, sharedRule, forwardTunnels > 0);
        }
    }

    /** One tunnel less goes to {@code remote}: with the last, what is known of the path there goes. */
    private void farEndReleased(Ipv6Address remote) {
        if (remotes.merge(remote, -1, Integer::sum) <= 0) {
            remotes.remove(remote);
            pathMtu.forget(remote);
        }
    }

    @Override
    public synchronized void close() {
        for (BpfTunnel t : List.copyOf(open)) {
            t.close();
        }
    }

    /** One tunnel: its entries in the encapsulation maps and the routes into the encapsulation program. */
    private final class BpfTunnel extends RoutedTunnel {

        /**
         * The keys this tunnel holds in its encapsulation map; null until the first install, which runs in the
         * superclass's constructor, before this class's field initialisers.
         */
        private List<Key> keys;

        BpfTunnel(TunnelSpec spec) {
            super(BpfProvider.this.driver, BpfProvider.this, BpfProvider.this.tables, BpfProvider.this.shared, spec);
        }

        /**
         * All or nothing: the decapsulation entries of {@code next} (so its far end is accepted before traffic goes
         * there), its encapsulation entries (a home agent's by routed prefix, a reverse tunnel's by home address),
         * then the routes (their device the link towards the far end, their MTU the tunnel MTU), so that no route
         * leads to a missing entry; then what {@code next} no longer has goes. When anything is refused, what was
         * there is put back and nothing of {@code next} stays.
         */
        @Override
        void install(TunnelSpec next) {
            List<Key> held = keys == null ? List.of() : keys;
            boolean reverse = next.fromOnly() != null;
            EbpfMap map = reverse ? bySource : byDestination;
            byte[] ends = BpfTunnelPrograms.tunnelEnds(next.local(), next.remote());
            List<Key> nextKeys = new ArrayList<>();
            hold(next, 1);
            try {
                for (Ipv6Prefix p : reverse ? List.of(next.fromOnly()) : next.routed()) {
                    Key k = new Key(map, BpfTunnelPrograms.tunnelKey(p));
                    map.put(k.bytes(), ends);
                    encapsulating.put(k, this);
                    nextKeys.add(k);
                }
                int dev = view.interfaceTowards(next);
                int mtu = pathMtu.tunnelMtu(next.remote(), view.mtu(dev));
                BpfEncap encap = new BpfEncap(reverse ? encapsulateBySource : encapsulateByDestination, 0);
                installed = installed.moveTo(driver,
                        routing.plan(next, privateTable, p -> Route.to(p).dev(dev).mtu(mtu).encap(encap)), shared);
            } catch (RuntimeException e) {
                // The routes are as they were: so are the entries.
                release(nextKeys, held);
                if (spec != null) {
                    byte[] before = BpfTunnelPrograms.tunnelEnds(spec.local(), spec.remote());
                    for (Key k : held) {
                        k.map().put(k.bytes(), before);
                        encapsulating.put(k, this);
                    }
                }
                hold(next, -1);
                throw e;
            }
            if (spec != null) {
                hold(spec, -1);
            }
            release(held, nextKeys);
            keys = nextKeys;
            spec = next;
        }

        /** Removes the entries of {@code held} that are not in {@code kept} and still this tunnel's. */
        private void release(List<Key> held, List<Key> kept) {
            for (Key k : held) {
                if (!kept.contains(k) && encapsulating.remove(k, this)) {
                    k.map().remove(k.bytes());
                }
            }
        }

        @Override
        void moved(TunnelSpec previous) {
            synchronized (BpfProvider.this) {
                remotes.merge(spec.remote(), 1, Integer::sum);
                farEndReleased(previous.remote());
                attachToLinks();
            }
        }

        @Override
        void removeOwn() {
            if (keys != null) {
                release(keys, List.of());
            }
            keys = List.of();
        }

        @Override
        void forget() {
            closed(this);
        }

        @Override
        String providerName() {
            return NAME;
        }

        @Override
        Map<String, Long> providerCounters() {
            return BpfProvider.this.counters();
        }
    }
}
