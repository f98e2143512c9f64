package mobility.ha;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingStore;
import mobility.api.kernel.Address;
import mobility.api.kernel.Ipv6Setting;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelMarks;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.role.MobilityRole;
import mobility.api.security.SignallingProtection;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.TunnelException;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * The home agent of RFC 6275 §10, as one Declarative Services component that exists while configuration PID
 * {@code mobility.ha} does. It restores the durable bindings (with their proxy entries and tunnels) before it listens
 * for the first Binding Update, and removes every kernel object it installed when it stops. Immediate: a role runs
 * because it is configured, not because something (a shell, a gateway's console) happens to use its services.
 */
@Component(service = {MobilityRole.class, BindingCache.class, MobilityStatistics.class},
        configurationPid = HomeAgentConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        property = {MobilityRole.ROLE + "=" + MobilityRole.HOME_AGENT, MobilityStatistics.SCOPE + "=home-agent",
            BindingCache.KIND + "=home"})
@Designate(ocd = HomeAgentConfiguration.class)
public class HomeAgent implements MobilityRole, BindingCache, MobilityStatistics {

    /** ICMPv6 types the home agent listens to (RFC 4861 §4, RFC 6275 §6.5–§6.8). */
    private static final int ROUTER_ADVERTISEMENT = 134;
    private static final int NEIGHBOR_ADVERTISEMENT = 136;
    private static final int DHAAD_REQUEST = 144;
    private static final int MOBILE_PREFIX_SOLICITATION = 146;
    private static final long TICK_MILLIS = 100;
    private static final long RESTORE_WAIT_SECONDS = 10;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SignallingProtection protection;

    private final Logger log;
    private final KernelDriver kernel;
    private final List<HomeLink> links;
    private final HomeAgentStatistics stats = new HomeAgentStatistics();
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private final HomeBindingCache cache;
    private final HomeAgentEffects effects;
    private final HomeRegistration registration;
    private final DuplicateAddressDetector dad;
    private final SignallingService signalling;
    private final MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
    private final HomeAgentDiscovery discovery;
    private final MobilePrefixAdvertiser prefixAdvertiser;
    private final List<Ipv6Prefix> homePrefixes;
    private volatile SignallingService.Subscription subscription;
    private volatile boolean restoring = true;
    private volatile Map<Ipv6Prefix, long[]> prefixExpiry = Map.of();
    private final List<Runnable> restoreOnStop = new ArrayList<>();

    @Activate
    public HomeAgent(HomeAgentConfiguration config, @Reference SignallingService signalling,
            @Reference DataPlane dataPlane, @Reference BindingStore store, @Reference KernelDriver kernel,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.kernel = kernel;
        this.signalling = signalling;
        this.links = resolveLinks(config, kernel);
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        links.forEach(l -> prefixes.addAll(l.prefixes()));
        this.homePrefixes = List.copyOf(prefixes);
        configureKernel();
        refreshPrefixLifetimes();
        this.workers = new Workers(config.workers(), config.queueSize());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mobility-ha-timers");
            t.setDaemon(true);
            return t;
        });
        this.cache = new HomeBindingCache(new TimerWheel(1024, TICK_MILLIS, TimeUnit.MILLISECONDS, System::nanoTime),
                System::currentTimeMillis, new BindingTimers(), config.bindingRefreshRequestBefore());
        this.dad = new DuplicateAddressDetector(signalling, timer, config.dadTimeoutMillis());
        this.effects = new HomeAgentEffects(links, dad, new ProxyNeighbourDiscovery(kernel, signalling), kernel, store,
                dataPlane, signalling, () -> eventAdmin, stats, log);
        HomeRegistrar registrar = new HomeRegistrar(new HomeRegistrar.Policy(prefixes, config.maxBindingLifetime(),
                config.bindingLimit(), config.ipsecRequired(), config.mobileRoutersPermitted()),
                this::prefixValidLifetime);
        this.registration = new HomeRegistration(codec, registrar, cache, effects, stats, workers,
                System::currentTimeMillis, config.duplicateAddressDetection(), config.bindingRefreshAdvice(),
                this::isProtected, config.kernelBatchSize());
        HomeLink first = links.get(0);
        this.discovery = new HomeAgentDiscovery(new HomeAgentsList(first.linkLocalAddress(), first.globalAddress(),
                config.preference(), System::currentTimeMillis), effects::send, stats);
        this.prefixAdvertiser = new MobilePrefixAdvertiser(this::homePrefixLifetimes, effects::send, stats);
        prefixAdvertiser.checkForChanges(List.of());
        timer.scheduleAtFixedRate(cache::advance, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> {
            refreshPrefixLifetimes();
            prefixAdvertiser.checkForChanges(cache.snapshot());
        }, 10, 10, TimeUnit.SECONDS);
        // Off the activation thread: tunnel providers may still be registering. Listen only after the restore, so every
        // restored binding is back in the kernel before the first new update is answered.
        timer.execute(() -> {
            restore(store, Math.max(1, config.kernelBatchSize()));
            restoring = false;
            listen();
        });
        log.info("home agent serving {} on {}", prefixes, links.stream().map(HomeLink::name).toList());
    }

    /**
     * Subscribes to the signalling the home agent answers. A failure (the signalling path could not open its sockets
     * or its nftables table) is logged, counted and retried every second: a home agent that silently hears nothing
     * is worse than one that says why it does not answer yet.
     */
    private void listen() {
        try {
            SignallingService.Subscription icmp = signalling.listen(Set.of(), Set.of(ROUTER_ADVERTISEMENT,
                    NEIGHBOR_ADVERTISEMENT, DHAAD_REQUEST, MOBILE_PREFIX_SOLICITATION), this::received);
            // §10.3.1: home registrations only; the signalling service routes Binding Updates by their H flag and
            // answers every type no role here takes (§9.2).
            SignallingService.Subscription mh;
            try {
                mh = signalling.listenMobility(SignallingService.Recipient.HOME_AGENT,
                        Set.of(MobilityHeader.BINDING_UPDATE), (p, m) -> registration.received(p, (BindingUpdate) m));
            } catch (RuntimeException e) {
                icmp.close();
                throw e;
            }
            subscription = () -> {
                mh.close();
                icmp.close();
            };
        } catch (RuntimeException e) {
            stats.count("listen.failed");
            log.error("cannot listen for signalling yet, retrying in 1 s: {}", e.toString());
            if (!timer.isShutdown()) {
                timer.schedule(this::listen, 1, TimeUnit.SECONDS);
            }
        }
    }


    private static List<HomeLink> resolveLinks(HomeAgentConfiguration config, KernelDriver kernel) {
        if (config.homeLinks() == null || config.homeLinks().length == 0) {
            throw new IllegalArgumentException("mobility.ha homeLinks: at least one home link interface is needed");
        }
        List<Ipv6Prefix> configured = new ArrayList<>();
        for (String p : config.homePrefixes()) {
            try {
                configured.add(Ipv6Prefix.parse(p).network());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mobility.ha homePrefixes: " + e.getMessage(), e);
            }
        }
        Ipv6Address address = null;
        if (!config.homeAgentAddress().isBlank()) {
            try {
                address = Ipv6Address.parse(config.homeAgentAddress());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mobility.ha homeAgentAddress: " + e.getMessage(), e);
            }
        }
        List<HomeLink> out = new ArrayList<>();
        for (String name : config.homeLinks()) {
            out.add(HomeLink.resolve(kernel, name.trim(), configured, out.isEmpty() ? address : null));
        }
        return List.copyOf(out);
    }

    /**
     * A home agent is a router (§10.1), and answers Neighbor Solicitations for away mobile nodes (§10.4.1): the
     * multicast ones that resolve a home address and the unicast ones with which a router on the home link confirms
     * it (RFC 4861 §7.3.3, NUD probes). Linux hands a unicast solicitation for an address it does not own to Neighbor
     * Discovery only when {@code all.proxy_ndp} is set (ip6_forward checks that one, not the interface's); without it
     * the router's probes went unanswered, its entry for the home address failed every 30-50 s, and the next
     * resolution waited for a proxied answer to a multicast solicitation, which the kernel delays by up to
     * proxy_delay (0.8 s, RFC 4861 §7.2.8), while the router queued and dropped the node's packets. Proxy entries
     * exist on the home links only, so no other interface starts answering for anyone.
     */
    private void configureKernel() {
        change("all", Ipv6Setting.FORWARDING, 1);
        change("all", Ipv6Setting.PROXY_NDP, 1);
        for (HomeLink l : links) {
            change(l.name(), Ipv6Setting.PROXY_NDP, 1);
            HomeAgentDiscovery.joinAnycast(kernel, l);
        }
    }

    /** Sets a value and remembers the one it replaces, to put it back when the home agent stops. */
    private void change(String interfaceName, Ipv6Setting setting, int value) {
        int previous = kernel.ipv6Settings().get(interfaceName, setting);
        if (previous != value) {
            kernel.ipv6Settings().set(interfaceName, setting, value);
            restoreOnStop.add(() -> kernel.ipv6Settings().set(interfaceName, setting, previous));
        }
    }

    /**
     * Puts back what the store holds: expired bindings are forgotten, the others re-installed. The first one waits for
     * a tunnel provider; the rest go to the kernel in batches of {@code batchSize}, as a burst of registrations does,
     * so a restart with many bindings takes a few exchanges with the kernel per batch rather than per binding.
     */
    private void restore(BindingStore store, int batchSize) {
        long now = System.currentTimeMillis();
        List<Binding> live = new ArrayList<>();
        for (Binding b : store.loadAll()) {
            if (b.kind() != BindingKind.HOME_REGISTRATION) {
                continue; // a correspondent node's, in a store both roles share
            }
            if (b.expiredAt(now)) {
                store.remove(b.kind(), b.key());
                stats.count("binding.expired_while_down");
            } else {
                live.add(b);
            }
        }
        long started = System.nanoTime();
        int restored = 0;
        int from = 0;
        while (from < live.size() && restored == 0) {
            Binding b = live.get(from++);
            try {
                installWhenTheDataPlaneIsReady(b);
                cache.put(b); // only what is installed shows in the cache
                restored++;
            } catch (Exception e) {
                notRestored(b, e);
            }
        }
        for (; from < live.size(); from += batchSize) {
            List<Binding> batch = live.subList(from, Math.min(live.size(), from + batchSize));
            List<ForwardingUpdates.Change> changes = new ArrayList<>(batch.size());
            for (Binding b : batch) {
                changes.add(new ForwardingUpdates.Change(b, null, failure -> { }));
            }
            List<Exception> failures = effects.apply(changes);
            for (int i = 0; i < batch.size(); i++) {
                if (failures.get(i) == null) {
                    cache.put(batch.get(i));
                    restored++;
                } else {
                    notRestored(batch.get(i), failures.get(i));
                }
            }
        }
        stats.count("binding.restored", restored);
        if (restored > 0) {
            log.info("restored {} bindings from {} in {} ms", restored, store.describe(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private void notRestored(Binding b, Exception e) {
        log.error("binding of {} not restored: {}", b.homeAddress(), e.toString());
        stats.count("binding.restore_failed");
    }

    /**
     * Tunnel providers register one by one after the data plane itself, so right after a restart none may be up yet;
     * restoring waits for one for a bounded time rather than dropping a binding that was acknowledged.
     */
    private void installWhenTheDataPlaneIsReady(Binding b) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESTORE_WAIT_SECONDS);
        while (true) {
            try {
                effects.install(b, null);
                return;
            } catch (TunnelException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void received(SignallingPacket packet) {
        switch (packet.type()) {
            case NEIGHBOR_ADVERTISEMENT -> dad.received(packet);
            case ROUTER_ADVERTISEMENT, DHAAD_REQUEST -> discovery.received(packet, linkAt(packet.interfaceIndex()));
            case MOBILE_PREFIX_SOLICITATION -> prefixAdvertiser.received(packet, bindingsByHomeAddress(packet));
            default -> stats.count("icmp.ignored");
        }
    }

    private HomeLink linkAt(int ifindex) {
        return links.stream().filter(l -> l.ifindex() == ifindex).findFirst().orElse(links.get(0));
    }

    private Map<Ipv6Address, Binding> bindingsByHomeAddress(SignallingPacket packet) {
        return packet.homeAddress() == null ? Map.of()
                : cache.lookup(packet.homeAddress()).map(b -> Map.of(b.homeAddress(), b)).orElse(Map.of());
    }

    private boolean isProtected(SignallingPacket packet) {
        SignallingProtection p = protection;
        return p != null && p.isProtected(packet);
    }

    /** §10.3.1: no lifetime beyond what the home prefix has left, read from the home agent's own addresses. */
    private long prefixValidLifetime(Ipv6Prefix prefix) {
        return remaining(prefixExpiry.get(prefix), 0);
    }

    /** The home prefixes with their remaining lifetimes, for Mobile Prefix Advertisements (§10.6). */
    private List<MobilePrefixAdvertiser.PrefixLifetimes> homePrefixLifetimes() {
        List<MobilePrefixAdvertiser.PrefixLifetimes> out = new ArrayList<>();
        for (Ipv6Prefix p : homePrefixes) {
            long[] until = prefixExpiry.get(p);
            out.add(new MobilePrefixAdvertiser.PrefixLifetimes(p, remaining(until, 0), remaining(until, 1)));
        }
        return out;
    }

    /** Seconds left until {@code until[which]}; "forever" when unknown or infinite (0xffffffff on the wire). */
    private static long remaining(long[] until, int which) {
        if (until == null || until[which] == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, (until[which] - System.currentTimeMillis()) / 1000);
    }

    /** The valid and preferred lifetimes of each prefix, from the home agent's own addresses in it. */
    private void refreshPrefixLifetimes() {
        Map<Ipv6Prefix, long[]> expiry = new HashMap<>();
        long now = System.currentTimeMillis();
        for (Address a : kernel.addresses().list()) {
            if (a.protocol() == KernelMarks.PROTOCOL) {
                continue; // our own anycast address says nothing about the prefix's lifetime
            }
            long valid = a.validLifetime() == Address.FOREVER ? Long.MAX_VALUE : now + a.validLifetime() * 1000;
            long preferred = a.preferredLifetime() == Address.FOREVER ? Long.MAX_VALUE
                    : now + a.preferredLifetime() * 1000;
            expiry.merge(a.prefix().network(), new long[] {valid, preferred},
                    (x, y) -> new long[] {Math.max(x[0], y[0]), Math.max(x[1], y[1])});
        }
        prefixExpiry = expiry;
    }

    /** Lifetimes and refresh requests, from the wheel; the work goes to the home address's worker. */
    private final class BindingTimers implements HomeBindingCache.Timers {
        @Override
        public void expired(Binding b) {
            if (!workers.submit(b.homeAddress(), () -> registration.expired(b))) {
                stats.count("binding.expiry_dropped.overload");
            }
        }

        /** §10.3.1 / §6.1.2: ask the mobile node to refresh; to its care-of address through the routing header. */
        @Override
        public void refreshDue(Binding b) {
            byte[] brr = new byte[codec.encodedLength(new BindingRefreshRequest())];
            codec.encodeUnchecksummed(new BindingRefreshRequest(), brr, 0);
            effects.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, b.localAddress(),
                    b.careOfAddress(), null, b.homeAddress(), 64, brr));
            stats.count("brr.sent");
        }
    }

    @Deactivate
    void stop() {
        SignallingService.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        workers.close();
        timer.shutdownNow();
        effects.closeAll(cache.snapshot());
        links.forEach(l -> HomeAgentDiscovery.leaveAnycast(kernel, l));
        restoreOnStop.forEach(Runnable::run);
        log.info("home agent stopped; {} bindings kept in the store", cache.size());
    }

    // MobilityRole

    @Override
    public String name() {
        return HOME_AGENT;
    }

    @Override
    public String state() {
        return (restoring ? "restoring bindings; " : "") + "serving "
                + links.stream().flatMap(l -> l.prefixes().stream()).map(Object::toString).toList() + " on " + links.stream().map(HomeLink::name).toList() + ", " + cache.size() + " bindings";
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home_links", links.stream().map(HomeLink::name).toList());
        m.put("home_prefixes", links.stream().flatMap(l -> l.prefixes().stream()).map(Object::toString).toList());
        m.put("home_agent_address", String.valueOf(links.get(0).globalAddress()));
        m.put("bindings", cache.size());
        m.put("backlog", workers.backlog());
        return m;
    }

    // BindingCache

    @Override
    public Optional<Binding> lookup(Ipv6Address homeAddress) {
        return cache.lookup(homeAddress);
    }

    @Override
    public Optional<Binding> lookup(BindingKey key) {
        return cache.lookup(key);
    }

    @Override
    public BindingKind kind() {
        return BindingKind.HOME_REGISTRATION;
    }

    @Override
    public int size() {
        return cache.size();
    }

    @Override
    public List<Binding> snapshot() {
        return cache.snapshot();
    }

    // MobilityStatistics

    @Override
    public String scope() {
        return "home-agent";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = stats.snapshot();
        c.put("bindings", (long) cache.size());
        c.put("dad.in_progress", (long) dad.inProgress());
        return c;
    }
}
