package mobility.cn;

import java.security.SecureRandom;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingEvents;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingStore;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.role.MobilityRole;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.Counters;
import mobility.api.stats.MobilityStatistics;
import mobility.api.wire.ipv6.WireCodec;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.rr.NodeKey;

/**
 * The correspondent node of RFC 6275 §9, as one Declarative Services component that exists while configuration PID
 * {@code mobility.cn} does: it answers Home and Care-of Test Inits, takes Binding Updates without the H flag (the
 * signalling service routes those here, home registrations to a home agent in the same container), keeps their
 * bindings in its binding cache, which {@code mip:bc} shows beside the home agent's, and posts the same binding
 * events. Bindings go to the binding store when one runs (without waiting: a correspondent binding is soft state,
 * which the mobile node makes again by return routability, §5.2.8), so a restart within their lifetime keeps them.
 */
@Component(service = {MobilityRole.class, BindingCache.class, MobilityStatistics.class},
        configurationPid = CorrespondentNodeConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        property = {MobilityRole.ROLE + "=" + MobilityRole.CORRESPONDENT_NODE,
            MobilityStatistics.SCOPE + "=correspondent-node", BindingCache.KIND + "=correspondent"})
@Designate(ocd = CorrespondentNodeConfiguration.class)
public class CorrespondentNode implements MobilityRole, BindingCache, MobilityStatistics {

    private final Logger log;
    private final SignallingService signalling;
    private final Counters stats = new Counters();
    private final CorrespondentBindingCache cache = new CorrespondentBindingCache();
    private final CorrespondentRegistration registration;
    private final CorrespondentRegistrar.Policy policy;
    private final long refreshBeforeMillis;
    private final ScheduledExecutorService timer;
    private volatile SignallingService.Subscription subscription;
    private volatile String stateLine = "starting";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BindingStore store;

    @Activate
    public CorrespondentNode(CorrespondentNodeConfiguration config, @Reference SignallingService signalling,
            @Reference WireCodec wire, @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.signalling = signalling;
        this.policy = new CorrespondentRegistrar.Policy(prefixes(config.permittedHomePrefixes()),
                config.maxBindingLifetime());
        this.refreshBeforeMillis = TimeUnit.SECONDS.toMillis(config.bindingRefreshRequestBefore());
        SecureRandom random = new SecureRandom();
        ReturnRoutabilityResponder rr = new ReturnRoutabilityResponder(NodeKey.generate(random),
                new NonceLifetimes(random, System::currentTimeMillis));
        this.registration = new CorrespondentRegistration(wire.mobilityHeaderCodec(), rr,
                new CorrespondentRegistrar(rr, policy), cache, new Effects(), stats, System::currentTimeMillis,
                new ErrorRateLimit(config.bindingErrorsPerSecond(), System::nanoTime));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mobility-cn");
            t.setDaemon(true);
            return t;
        });
        timer.execute(this::start);
    }

    private static List<Ipv6Prefix> prefixes(String[] texts) {
        try {
            return Ipv6Prefix.networks(texts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.cn permittedHomePrefixes: " + e.getMessage()
                    + " (expected e.g. 2001:db8:2700::/64)", e);
        }
    }

    private void start() {
        restore();
        listen();
        timer.scheduleAtFixedRate(() -> cache.tick(System.currentTimeMillis(), refreshBeforeMillis,
                registration::expired, registration::refreshDue), 1, 1, TimeUnit.SECONDS);
    }

    /** Correspondent bindings from the store that have not run out (a shared store holds home registrations too). */
    private void restore() {
        BindingStore s = store;
        if (s == null) {
            return;
        }
        long now = System.currentTimeMillis();
        int restored = 0;
        for (Binding b : s.loadAll()) {
            if (b.kind() != BindingKind.CORRESPONDENT) {
                continue;
            }
            if (b.expiredAt(now)) {
                s.remove(b.kind(), b.key());
            } else {
                cache.put(b);
                restored++;
            }
        }
        stats.add("binding.restored", restored);
    }

    /** As the home agent: a failure to listen is logged, counted and retried every second. */
    private void listen() {
        try {
            subscription = signalling.listenMobility(SignallingService.Recipient.CORRESPONDENT_NODE,
                    Set.of(MobilityHeader.BINDING_UPDATE, MobilityHeader.HOME_TEST_INIT,
                            MobilityHeader.CARE_OF_TEST_INIT),
                    registration::received);
            stateLine = "serving";
            log.info("correspondent node serving (bindings up to {} s{})", policy.maxLifetimeSeconds(),
                    policy.permittedHomePrefixes().isEmpty() ? "" : " for " + policy.permittedHomePrefixes());
        } catch (RuntimeException e) {
            stats.count("listen.failed");
            stateLine = "cannot listen for signalling: " + e.getMessage();
            log.error("cannot listen for signalling yet, retrying in 1 s: {}", e.toString());
            if (!timer.isShutdown()) {
                timer.schedule(this::listen, 1, TimeUnit.SECONDS);
            }
        }
    }

    @Deactivate
    void stop() throws Exception {
        timer.submit(() -> {
            SignallingService.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }).get(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }

    /** The signalling service, the store and EventAdmin, as they are at the moment. */
    private final class Effects implements CorrespondentRegistration.Effects {
        @Override
        public void send(SignallingPacket packet) {
            try {
                signalling.send(packet);
            } catch (SignallingException e) {
                stats.count("send.failed");
                log.warn("sending to {} failed: {}", packet.destination(), e.getMessage());
            }
        }

        @Override
        public void persist(Binding binding) {
            BindingStore s = store;
            if (s != null) {
                s.put(binding).exceptionally(failure -> {
                    stats.count("store.error");
                    return null;
                });
            }
        }

        @Override
        public void forget(Binding binding) {
            BindingStore s = store;
            if (s != null) {
                s.remove(binding.kind(), binding.key()).exceptionally(failure -> {
                    stats.count("store.error");
                    return null;
                });
            }
        }

        @Override
        public void post(String topic, Binding binding) {
            EventAdmin admin = eventAdmin;
            if (admin != null) {
                admin.postEvent(new Event(topic, BindingEvents.properties(binding)));
            }
        }
    }

    // MobilityRole, BindingCache, MobilityStatistics

    @Override
    public String name() {
        return CORRESPONDENT_NODE;
    }

    @Override
    public String state() {
        return stateLine;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", stateLine);
        m.put("bindings", cache.size());
        m.put("max_binding_lifetime", policy.maxLifetimeSeconds());
        return m;
    }

    @Override
    public Optional<Binding> lookup(BindingKey key) {
        return cache.lookup(key);
    }

    @Override
    public Optional<Binding> lookup(Ipv6Address homeAddress) {
        return cache.lookup(homeAddress);
    }

    @Override
    public BindingKind kind() {
        return BindingKind.CORRESPONDENT;
    }

    @Override
    public int size() {
        return cache.size();
    }

    @Override
    public List<Binding> snapshot() {
        return cache.snapshot();
    }

    @Override
    public String scope() {
        return "correspondent-node";
    }

    @Override
    public Map<String, Long> counters() {
        return stats.snapshot();
    }
}
