package mobility.tunnel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import mobility.api.kernel.Address;
import mobility.api.kernel.Change;
import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.Link;
import mobility.api.kernel.LocalTableRule;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftSetChange;
import mobility.api.kernel.NftTables;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Route;
import mobility.api.kernel.RouteType;
import mobility.api.kernel.Rule;
import mobility.api.kernel.Seg6Encap;
import mobility.api.kernel.Seg6LocalEncap;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.kernel.Subscription;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.BatchingTunnelProvider;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * IPv6-in-IPv6 tunnels at kernel speed with seg6 lightweight tunnels (kernel.md): encapsulation by routes with
 * {@code encap seg6 mode encap.red} and one segment, the far end, which puts a plain RFC 2473 outer header and no
 * routing header on the wire; decapsulation by a seg6local End.DT6 route for the local end, selected by a rule that
 * matches protocol 41 from the far end only. End.DT6 looks the inner packet up in the main table, which gets a local
 * route for each of the node's own addresses so that packets for the node itself are delivered too.
 *
 * <p>While any tunnel is open the provider also moves the local table's rule behind the platform's rules, fixes the
 * seg6 tunnel source ({@code ip sr tunsrc}) to the local end, drops and counts protocol-41 packets from anyone but
 * a registered far end in its nftables table, and answers packets too big for the tunnel with Packet Too Big
 * ({@link PacketTooBigGuard}). All of it goes when the last tunnel closes.
 *
 * <p>Path MTU (RFC 2473 §7.1, RFC 8201): the kernel does nothing with a router's Packet Too Big about a seg6 tunnel's
 * outer packet (no protocol-41 handler without ip6tnl; and a forwarded packet is encapsulated on input, so no
 * route MTU on the encap route applies to it — kernel.md). {@link PacketTooBigReceiver} takes such messages, and the
 * guard answers the next packet over that tunnel's lowered MTU, per far end, with Packet Too Big carrying it.
 *
 * <p>The nftables table is written once, when the first tunnel opens; the tunnels' address pairs are elements of
 * its two counting sets, added and removed over netlink in one transaction per change or batch, so a tunnel change
 * costs the same few messages whatever the number of tunnels, and no process. The main table and the links are read
 * again only when the kernel announced a change ({@link MainTableView}).
 */
final class Seg6Provider implements CountedProvider, BatchingTunnelProvider {

    static final String NAME = "seg6";
    static final String NFT_TABLE = "mobility_tunnel_seg6";
    private static final String ENCAPSULATED = "encapsulated ";
    private static final String DECAPSULATED = "decapsulated ";
    /** Elements (far end . local end): tunnelled packets that came in, counted per element. */
    private static final String DECAP_SET = "decap";
    /** Elements (local end . far end): tunnelled packets that went out, counted per element. */
    private static final String ENCAP_SET = "encap";
    /**
     * The fixed part of the table. The decapsulation rule sends a peer's packets to a seg6local route, so fib sees
     * them as unicast, not local: each tunnel's packets are counted by its own two addresses; protocol 41 to one of
     * the node's addresses from a pair that is no tunnel's is dropped.
     */
    private static final String TABLE_BODY = """
              set decap { type ipv6_addr . ipv6_addr; counter; }
              set encap { type ipv6_addr . ipv6_addr; counter; }
              chain prerouting {
                type filter hook prerouting priority raw; policy accept;
                fib daddr type local meta l4proto 41 ip6 saddr . ip6 daddr != @decap counter drop comment "dropped.unknown_peer"
                meta l4proto 41 ip6 saddr . ip6 daddr @decap
              }
              chain postrouting {
                type filter hook postrouting priority filter; policy accept;
                meta l4proto 41 ip6 saddr . ip6 daddr @encap
              }""";
    private static final int OUTER_HEADER = 40;
    private static final int MIRROR_METRIC = 1;
    private static final int NO_SUCH_ROUTE = 3;

    private final NetworkNamespace namespace;
    private final KernelDriver driver;
    private final LocalTableRule localRule;
    private final Seg6TunnelSource tunnelSource;
    private final NftTables nft;
    private final PacketSockets packetSockets;
    private final RawSockets rawSockets;
    private final Counters counters = new Counters();
    private final TunnelRouting routing = new TunnelRouting(TunnelTables.SEG6);
    private final TunnelTables.Allocator tables = new TunnelTables.Allocator(TunnelTables.SEG6);
    private final SharedKernelObjects shared = new SharedKernelObjects();
    private final List<Seg6Tunnel> open = new CopyOnWriteArrayList<>();
    private final Set<Route> localMirrors = new LinkedHashSet<>();
    private int localRuleBefore = -1;
    private Ipv6Address tunnelSourceBefore;
    private NftTables.NftTable table;
    /** The (local end, far end) pairs in the table's sets (several open tunnels may share one). */
    private final Set<Pair> pairs = new HashSet<>();
    private PacketTooBigGuard guard;
    private final TunnelPathMtu pathMtu = new TunnelPathMtu(counters);
    private PacketTooBigReceiver packetTooBig;
    /** The main table and links while a tunnel is open; null otherwise. */
    private MainTableView view;
    private GuardState guardState;
    private Subscription addressEvents;
    private Subscription routeEvents;
    /** Whether the local routes are mirrored now; false once the release began, so a late event adds nothing. */
    private volatile boolean mirroring;
    private boolean sharedRule;

    Seg6Provider(NetworkNamespace namespace, KernelDriver driver, LocalTableRule localRule,
            Seg6TunnelSource tunnelSource, NftTables nft, PacketSockets packetSockets, RawSockets rawSockets) {
        this.namespace = namespace;
        this.driver = driver;
        this.localRule = localRule;
        this.tunnelSource = tunnelSource;
        this.nft = nft;
        this.packetSockets = packetSockets;
        this.rawSockets = rawSockets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 200;
    }

    @Override
    public Availability availability() {
        var caps = driver.capabilities();
        if (caps.supports(KernelFeature.SEG6) && caps.supports(KernelFeature.SEG6LOCAL)) {
            return new Availability(true, "seg6 encap.red and seg6local End.DT6 routes accepted by the probe");
        }
        var missing = caps.supports(KernelFeature.SEG6) ? KernelFeature.SEG6LOCAL : KernelFeature.SEG6;
        var support = caps.features().get(missing);
        return new Availability(false, "no " + missing.label() + (support == null ? "" : ": " + support.evidence()));
    }

    @Override
    public synchronized Tunnel open(TunnelSpec spec) throws TunnelException {
        Availability a = availability();
        if (!a.available()) {
            throw new TunnelException("seg6 is unavailable: " + a.reason());
        }
        boolean first = open.isEmpty();
        try {
            if (first) {
                acquireShared(spec.local());
            }
            Seg6Tunnel t = new Seg6Tunnel(spec);
            open.add(t);
            refreshShared();
            return t;
        } catch (KernelException | IllegalStateException e) {
            if (open.isEmpty()) {
                releaseShared();
            }
            throw new TunnelException("seg6 tunnel " + spec.local() + " -> " + spec.remote() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Many changes with one kernel batch: the main table and the links read once, the routes and rules of every
     * tunnel queued together, and the shared state (firewall table, guard) refreshed once for all, instead of an
     * nft run and several netlink round trips per tunnel.
     */
    @Override
    public synchronized List<TunnelChange.Outcome> apply(List<TunnelChange> changes) {
        TunnelChange.Outcome[] out = new TunnelChange.Outcome[changes.size()];
        TunnelChange firstOpen = changes.stream().filter(TunnelChange::opens).findFirst().orElse(null);
        if (firstOpen != null) {
            Availability a = availability();
            String refusal = a.available() ? null : "seg6 is unavailable: " + a.reason();
            if (refusal == null && open.isEmpty()) {
                try {
                    acquireShared(firstOpen.spec().local());
                } catch (KernelException | IllegalStateException e) {
                    releaseShared();
                    refusal = "seg6: " + e.getMessage();
                }
            }
            if (refusal != null) {
                for (int i = 0; i < out.length; i++) {
                    if (changes.get(i).opens()) {
                        out[i] = TunnelChange.Outcome.failed(new TunnelException(refusal));
                    }
                }
            }
        }
        KernelBatch batch = driver.batch();
        Seg6Tunnel[] tunnels = new Seg6Tunnel[out.length];
        KernelPlan[] plans = new KernelPlan[out.length];
        KernelPlan.Queued[] queued = new KernelPlan.Queued[out.length];
        int[] mtus = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            TunnelChange c = changes.get(i);
            if (out[i] != null) {
                continue;
            }
            Seg6Tunnel t = c.opens() ? new Seg6Tunnel(c.spec().fromOnly() != null) : (Seg6Tunnel) c.tunnel();
            tunnels[i] = t;
            try {
                if (c.closes()) {
                    plans[i] = KernelPlan.EMPTY;
                } else {
                    if (view == null) {
                        throw new IllegalStateException("the provider holds no open tunnel");
                    }
                    int ifindex = view.interfaceTowards(c.spec());
                    mtus[i] = view.mtu(ifindex);
                    plans[i] = t.plan(c.spec(), ifindex);
                }
                queued[i] = t.installed.queueMoveTo(batch, plans[i], shared);
            } catch (IllegalStateException e) {
                out[i] = failure(c, e);
                if (c.opens()) {
                    t.abandon();
                }
            }
        }
        Map<Integer, KernelException> refused = batch.execute();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null) {
                continue;
            }
            TunnelChange c = changes.get(i);
            Seg6Tunnel t = tunnels[i];
            KernelException f = queued[i].failure(refused);
            if (c.closes()) {
                t.installed = KernelPlan.EMPTY;
                t.abandon();
                open.remove(t);
                out[i] = f == null ? TunnelChange.Outcome.done(null) : failure(c, f);
            } else if (f != null) {
                if (c.opens()) {
                    removeQuietly(plans[i]);
                    t.abandon();
                } else {
                    // The batch is not a transaction: what was queued for the move is counted as held, so the
                    // tunnel holds the new plan, and its close removes what of it got installed.
                    t.installed = plans[i];
                }
                out[i] = failure(c, f);
            } else {
                TunnelSpec previous = t.spec;
                t.installed = plans[i];
                t.spec = c.spec();
                t.linkMtu = mtus[i];
                if (c.opens()) {
                    open.add(t);
                } else if (!t.spec.local().equals(previous.local())) {
                    tunnelSource.set(namespace, t.spec.local());
                }
                out[i] = TunnelChange.Outcome.done(t);
            }
        }
        if (open.isEmpty()) {
            releaseShared();
        } else {
            refreshShared();
        }
        return List.of(out);
    }

    private static TunnelChange.Outcome failure(TunnelChange c, RuntimeException e) {
        TunnelSpec spec = c.spec() != null ? c.spec() : c.tunnel().spec();
        return TunnelChange.Outcome.failed(new TunnelException("seg6 tunnel " + spec.local() + " -> " + spec.remote()
                + ": " + e.getMessage(), e));
    }

    /** What a failed open of a batch got installed goes again; what is not there is no error. */
    private void removeQuietly(KernelPlan plan) {
        try {
            plan.remove(driver, shared);
        } catch (KernelException e) {
            counters.add("batch.undo_failed", 1);
        }
    }

    private static int mtu(List<Link> links, int ifindex) {
        return links.stream().filter(l -> l.index() == ifindex).mapToInt(Link::mtu).findFirst().orElse(1500);
    }

    /** Local rule moved, tunnel source fixed, local routes mirrored into main, the firewall table and the guard. */
    private void acquireShared(Ipv6Address local) {
        if (nft.remove(namespace, "inet", NFT_TABLE)) {
            counters.add("stale.table.removed", 1);
        }
        localRuleBefore = localRule.priority(namespace);
        localRule.moveTo(namespace, TunnelTables.LOCAL_RULE_PRIORITY);
        tunnelSourceBefore = tunnelSource.get(namespace);
        tunnelSource.set(namespace, local);
        mirroring = true;
        addressEvents = driver.addresses().subscribe((change, address) -> mirrorLocalAddresses());
        routeEvents = driver.routes().subscribe(new KernelListener<>() {
            @Override
            public void changed(Change change, Route route) {
                if (change == Change.DELETED && isMirror(route)) {
                    mirrorLocalAddresses();
                }
            }

            @Override
            public void eventsLost() {
                mirrorLocalAddresses();
            }
        });
        mirrorLocalAddresses();
        view = new MainTableView(driver);
        guardState = null;
        pairs.clear();
        table = nft.install(namespace, "inet", NFT_TABLE, TABLE_BODY);
        guard = new PacketTooBigGuard(namespace, driver, packetSockets, rawSockets, counters);
        // The guard's change runs apart from the receiver's thread, which must never wait for this provider's lock:
        // releaseShared() holds it while it closes the receiver.
        packetTooBig = new PacketTooBigReceiver(namespace, rawSockets, pathMtu, this::isTunnel,
                far -> CompletableFuture.runAsync(this::pathMtuChanged), counters, NAME);
    }

    /** Whether an open tunnel has these two end points: a Packet Too Big about its outer packet is for us. */
    private boolean isTunnel(long localHigh, long localLow, long remoteHigh, long remoteLow) {
        for (Seg6Tunnel t : open) {
            TunnelSpec s = t.spec;
            if (s.local().high() == localHigh && s.local().low() == localLow && s.remote().high() == remoteHigh
                    && s.remote().low() == remoteLow) {
                return true;
            }
        }
        return false;
    }

    /** A far end's path MTU went down or aged out: the guard's per-tunnel MTUs follow. */
    private synchronized void pathMtuChanged() {
        if (!open.isEmpty() && guard != null) {
            refreshShared();
        }
    }

    private void releaseShared() {
        List<RuntimeException> failures = new ArrayList<>();
        run(failures, () -> {
            if (packetTooBig != null) {
                packetTooBig.close();
                packetTooBig = null;
            }
            pathMtu.retain(Set.of());
        });
        run(failures, () -> {
            if (guard != null) {
                guard.close();
                guard = null;
            }
        });
        run(failures, () -> {
            if (table != null) {
                try {
                    keepCounts(pairs);
                    NftCounters.packets(table.list()).forEach(counters::add);
                } finally {
                    pairs.clear();
                    table.close();
                    table = null;
                }
            }
        });
        mirroring = false;
        run(failures, () -> {
            if (view != null) {
                view.close();
                view = null;
            }
        });
        run(failures, () -> {
            if (addressEvents != null) {
                addressEvents.close();
                addressEvents = null;
            }
        });
        run(failures, () -> {
            if (routeEvents != null) {
                routeEvents.close();
                routeEvents = null;
            }
        });
        synchronized (localMirrors) {
            for (Route r : localMirrors) {
                run(failures, () -> removeIfPresent(r));
            }
            localMirrors.clear();
        }
        run(failures, () -> sharedRule = routing.sharedRule(driver, sharedRule, false));
        run(failures, () -> {
            if (tunnelSourceBefore != null) {
                tunnelSource.set(namespace, tunnelSourceBefore);
                tunnelSourceBefore = null;
            }
        });
        run(failures, () -> {
            if (localRuleBefore >= 0) {
                localRule.moveTo(namespace, localRuleBefore);
                localRuleBefore = -1;
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void run(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /**
     * A local route in main for each of the node's own global addresses, so End.DT6 into main delivers locally. The
     * kernel's table is the truth, not a list of what was installed: the kernel drops such a route by itself — when an
     * address on lo is replaced (new lifetimes), renewing the address's prefix route takes ours with it, and only an
     * RTM_NEWADDR is sent — so each run reinstalls whatever the kernel's view lacks. Runs on address events, on the
     * deletion of such a route, and when events were lost. {@link #localMirrors} holds what is ours to remove.
     */
    private void mirrorLocalAddresses() {
        if (!mirroring) {
            return;
        }
        int lo = driver.links().require("lo").index();
        Set<Route> wanted = new LinkedHashSet<>();
        for (Address a : driver.addresses().list()) {
            Ipv6Address address = a.prefix().address();
            if (!address.isLinkLocal() && !address.isMulticast() && !address.equals(Ipv6Address.parse("::1"))
                    && !a.isTentative()) {
                // Metric 1: ahead of the prefix route (metric 256) the kernel adds for an address on lo itself.
                wanted.add(Route.to(Ipv6Prefix.host(address)).type(RouteType.LOCAL).dev(lo).metric(MIRROR_METRIC));
            }
        }
        synchronized (localMirrors) {
            if (!mirroring) {
                return;
            }
            List<Route> kernel = driver.routes().list(Route.MAIN_TABLE);
            for (Route r : wanted) {
                if (kernel.stream().noneMatch(k -> isMirror(k) && k.destination().equals(r.destination())
                        && k.ifindex() == r.ifindex())) {
                    try {
                        driver.routes().replace(r);
                        if (localMirrors.contains(r)) {
                            counters.add("mirror.reinstalled", 1);
                        }
                    } catch (KernelException e) {
                        counters.add("mirror.failed", 1);
                        continue;
                    }
                }
                localMirrors.add(r);
            }
            for (Route r : List.copyOf(localMirrors)) {
                if (!wanted.contains(r)) {
                    try {
                        driver.routes().remove(r);
                    } catch (KernelException gone) {
                        counters.add("mirror.failed", 1);
                    }
                    localMirrors.remove(r);
                }
            }
        }
    }

    /** Removes a mirror route; one the kernel dropped already is gone as wanted (ESRCH). */
    private void removeIfPresent(Route r) {
        try {
            driver.routes().remove(r);
        } catch (KernelException e) {
            if (e.errno() != NO_SUCH_ROUTE) {
                throw e;
            }
        }
    }

    /** A route of the mirror's shape: local, in main, with the mirror's metric. */
    private static boolean isMirror(Route r) {
        return r.type() == RouteType.LOCAL && r.table() == Route.MAIN_TABLE && r.metric() == MIRROR_METRIC;
    }

    /** The shared rule, the firewall's sets and the guard's prefixes follow the open tunnels. */
    private void refreshShared() {
        sharedRule = routing.sharedRule(driver, sharedRule, open.stream().anyMatch(t -> t.spec.fromOnly() == null));
        Set<Pair> wanted = new HashSet<>();
        List<Ipv6Prefix> guarded = new ArrayList<>();
        Map<Ipv6Prefix, Integer> lowered = new java.util.HashMap<>();
        int tunnelMtu = Integer.MAX_VALUE;
        for (Seg6Tunnel t : open) {
            wanted.add(new Pair(t.spec.local(), t.spec.remote()));
            if (t.spec.fromOnly() == null) {
                guarded.addAll(t.spec.routed());
                tunnelMtu = Math.min(tunnelMtu, t.linkMtu - OUTER_HEADER);
                if (pathMtu.lowered(t.spec.remote())) {
                    int mtu = pathMtu.tunnelMtu(t.spec.remote(), t.linkMtu);
                    t.spec.routed().forEach(p -> lowered.put(p, mtu));
                }
            }
        }
        pathMtu.retain(open.stream().map(t -> t.spec.remote()).collect(java.util.stream.Collectors.toSet()));
        updatePairs(wanted);
        // The guard rebuilds its filter over every prefix and sets it on every link: only when what it watches or
        // the links changed (a move of a home agent's tunnel changes neither).
        GuardState next = new GuardState(guarded, guarded.isEmpty() ? 0 : tunnelMtu, Map.copyOf(lowered),
                view.linkEvents());
        if (!next.equals(guardState)) {
            guard.watch(next.prefixes(), next.tunnelMtu(), next.lowered());
            guardState = next;
        }
    }

    /** What the guard was last told to watch (with the tunnels' lowered MTUs), and the link events seen then. */
    private record GuardState(List<Ipv6Prefix> prefixes, int tunnelMtu, Map<Ipv6Prefix, Integer> lowered,
            int linkEvents) {
    }

    /**
     * The sets' elements become {@code wanted}'s pairs: the counts of the pairs that go are kept first (their
     * elements take their counters with them), then one transaction removes and adds what changed. When the kernel
     * refuses it, nothing changed there and the pairs stay as they were.
     */
    private void updatePairs(Set<Pair> wanted) {
        List<Pair> gone = new ArrayList<>();
        for (Pair p : pairs) {
            if (!wanted.contains(p)) {
                gone.add(p);
            }
        }
        List<NftSetChange> changes = new ArrayList<>();
        for (Pair p : gone) {
            changes.add(new NftSetChange(DECAP_SET, false, p.decapKey()));
            changes.add(new NftSetChange(ENCAP_SET, false, p.encapKey()));
        }
        for (Pair p : wanted) {
            if (!pairs.contains(p)) {
                changes.add(new NftSetChange(DECAP_SET, true, p.decapKey()));
                changes.add(new NftSetChange(ENCAP_SET, true, p.encapKey()));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        if (!gone.isEmpty()) {
            try {
                keepCounts(gone);
            } catch (KernelException e) {
                counters.add("counters.lost", 1);
            }
        }
        table.updateSets(changes);
        pairs.clear();
        pairs.addAll(wanted);
    }

    /** Adds the packet counts of {@code of}'s elements to the provider's, per far end, before they are removed. */
    private void keepCounts(Collection<Pair> of) {
        if (of.isEmpty()) {
            return;
        }
        Map<List<Ipv6Address>, Long> in = table.packets(DECAP_SET, of.stream().map(Pair::decapKey).toList());
        Map<List<Ipv6Address>, Long> outgoing = table.packets(ENCAP_SET, of.stream().map(Pair::encapKey).toList());
        for (Pair p : of) {
            counters.add(DECAPSULATED + p.remote(), in.getOrDefault(p.decapKey(), 0L));
            counters.add(ENCAPSULATED + p.remote(), outgoing.getOrDefault(p.encapKey(), 0L));
        }
    }

    /** One tunnel's two ends, as the firewall's sets key them. */
    private record Pair(Ipv6Address local, Ipv6Address remote) {

        List<Ipv6Address> decapKey() {
            return List.of(remote, local);
        }

        List<Ipv6Address> encapKey() {
            return List.of(local, remote);
        }
    }

    private synchronized void closed(Seg6Tunnel t) {
        open.remove(t);
        if (open.isEmpty()) {
            releaseShared();
        } else {
            refreshShared();
        }
    }

    /**
     * The guard's counts and the firewall table's, kept across changes of the sets: per far end ("encapsulated
     * REMOTE", "decapsulated REMOTE", from the sets' elements) and in total, and the drops (the table's rules).
     */
    @Override
    public synchronized Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>(counters.snapshot());
        if (table != null) {
            try {
                NftCounters.packets(table.list()).forEach((k, v) -> out.merge(k, v, Long::sum));
                if (!pairs.isEmpty()) {
                    Map<List<Ipv6Address>, Long> in = table.packets(DECAP_SET,
                            pairs.stream().map(Pair::decapKey).toList());
                    Map<List<Ipv6Address>, Long> outgoing = table.packets(ENCAP_SET,
                            pairs.stream().map(Pair::encapKey).toList());
                    for (Pair p : pairs) {
                        out.merge(DECAPSULATED + p.remote(), in.getOrDefault(p.decapKey(), 0L), Long::sum);
                        out.merge(ENCAPSULATED + p.remote(), outgoing.getOrDefault(p.encapKey(), 0L), Long::sum);
                    }
                }
            } catch (KernelException e) {
                out.put("counters.unreadable", 1L);
            }
        }
        long encap = 0;
        long decap = 0;
        for (Map.Entry<String, Long> e : out.entrySet()) {
            if (e.getKey().startsWith(ENCAPSULATED)) {
                encap += e.getValue();
            } else if (e.getKey().startsWith(DECAPSULATED)) {
                decap += e.getValue();
            }
        }
        out.put("encapsulated", encap);
        out.put("decapsulated", decap);
        out.put("tunnels", (long) open.size());
        return out;
    }

    /** One tunnel's share: its own packets each way, and the provider's drops and Packet Too Big counts. */
    private Map<String, Long> counters(Ipv6Address remote) {
        Map<String, Long> all = counters();
        Map<String, Long> out = new TreeMap<>();
        out.put("encapsulated", all.getOrDefault(ENCAPSULATED + remote, 0L));
        out.put("decapsulated", all.getOrDefault(DECAPSULATED + remote, 0L));
        all.forEach((k, v) -> {
            if (k.startsWith("dropped.") || k.startsWith("ptb.") || k.startsWith("pmtu.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public synchronized void close() {
        for (Seg6Tunnel t : List.copyOf(open)) {
            t.close();
        }
    }

    /** One tunnel: its decapsulation route and rule, and its routes into the tunnel. */
    private final class Seg6Tunnel extends RoutedTunnel {

        private int linkMtu;

        Seg6Tunnel(TunnelSpec spec) {
            super(Seg6Provider.this.driver, Seg6Provider.this, Seg6Provider.this.tables, Seg6Provider.this.shared,
                    spec);
        }

        /** A tunnel installed by {@link Seg6Provider#apply}. */
        Seg6Tunnel(boolean reverse) {
            super(Seg6Provider.this.driver, Seg6Provider.this, Seg6Provider.this.tables, Seg6Provider.this.shared,
                    reverse);
        }

        @Override
        void install(TunnelSpec next) {
            int ifindex = TunnelRouting.interfaceTowards(driver, next, next.remote());
            linkMtu = mtu(driver.links().list(), ifindex);
            installed = installed.moveTo(driver, plan(next, ifindex), shared);
            spec = next;
        }

        /** The decapsulation route and rule and the routes into the tunnel, over the link {@code ifindex}. */
        KernelPlan plan(TunnelSpec next, int ifindex) {
            List<Route> routes = new ArrayList<>();
            List<Rule> rules = new ArrayList<>();
            // Decapsulation: protocol 41 from the far end to the local end only (RFC 6275 §10.4.5).
            routes.add(Route.to(Ipv6Prefix.host(next.local())).table(TunnelTables.SEG6_DECAP_TABLE).dev(ifindex)
                    .encap(Seg6LocalEncap.endDt6(Route.MAIN_TABLE)));
            rules.add(Rule.lookup(TunnelTables.SEG6_DECAP_PRIORITY, TunnelTables.SEG6_DECAP_TABLE)
                    .from(Ipv6Prefix.host(next.remote())).to(Ipv6Prefix.host(next.local())).ipProto(41));
            KernelPlan into = routing.plan(next, privateTable, prefix -> Route.to(prefix).dev(ifindex)
                    .encap(new Seg6Encap(Seg6Encap.Mode.ENCAP_RED, List.of(next.remote()))));
            routes.addAll(into.routes());
            rules.addAll(into.rules());
            return new KernelPlan(routes, rules);
        }

        @Override
        void moved(TunnelSpec previous) {
            if (!spec.local().equals(previous.local())) {
                tunnelSource.set(namespace, spec.local());
            }
            refreshShared();
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
            return Seg6Provider.this.counters(spec.remote());
        }
    }
}
