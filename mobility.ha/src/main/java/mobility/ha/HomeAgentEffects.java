package mobility.ha;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingEvents;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingStore;
import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/** The home agent's registration effects, on the services it found: kernel, signalling, data plane, store. */
final class HomeAgentEffects implements RegistrationEffects {

    private final List<HomeLink> links;
    private final DuplicateAddressDetector dad;
    private final ProxyNeighbourDiscovery proxy;
    private final KernelDriver kernel;
    private final BindingStore store;
    private final DataPlane dataPlane;
    private final SignallingService signalling;
    private final Supplier<EventAdmin> events;
    private final HomeAgentStatistics stats;
    private final Logger log;
    /** The tunnel of each binding, by home address; touched only on that home address's worker. */
    private final Map<Ipv6Address, Tunnel> tunnels = new ConcurrentHashMap<>();

    HomeAgentEffects(List<HomeLink> links, DuplicateAddressDetector dad, ProxyNeighbourDiscovery proxy,
            KernelDriver kernel, BindingStore store, DataPlane dataPlane, SignallingService signalling,
            Supplier<EventAdmin> events, HomeAgentStatistics stats, Logger log) {
        this.kernel = kernel;
        this.links = links;
        this.dad = dad;
        this.proxy = proxy;
        this.store = store;
        this.dataPlane = dataPlane;
        this.signalling = signalling;
        this.events = events;
        this.stats = stats;
        this.log = log;
    }

    HomeLink linkOf(Ipv6Address homeAddress) {
        for (HomeLink l : links) {
            if (l.serves(homeAddress)) {
                return l;
            }
        }
        return links.get(0);
    }

    @Override
    public CompletionStage<Boolean> duplicateDetected(Ipv6Address homeAddress, boolean linkLocalToo) {
        HomeLink link = linkOf(homeAddress);
        CompletionStage<Boolean> global = dad.detect(link, homeAddress);
        if (!linkLocalToo) {
            return global;
        }
        CompletionStage<Boolean> local = dad.detect(link, HomeLink.linkLocalOf(homeAddress));
        return global.thenCombine(local, (a, b) -> a || b);
    }

    @Override
    public CompletionStage<Void> persist(Binding binding) {
        return store.put(binding);
    }

    @Override
    public CompletionStage<Void> forget(Ipv6Address homeAddress) {
        return store.remove(BindingKind.HOME_REGISTRATION, new BindingKey(Ipv6Address.UNSPECIFIED, homeAddress));
    }

    @Override
    public void install(Binding binding, Binding previous) throws SignallingException, TunnelException {
        try {
            installOrFail(binding, previous);
        } catch (SignallingException | TunnelException | RuntimeException e) {
            log.warn("forwarding for {} via {} not set up: {}", binding.homeAddress(), binding.careOfAddress(),
                    e.toString());
            throw e;
        }
    }

    private void installOrFail(Binding binding, Binding previous) throws SignallingException, TunnelException {
        Ipv6Address hoa = binding.homeAddress();
        TunnelSpec spec = tunnelSpec(binding);
        Tunnel tunnel = tunnels.get(hoa);
        if (tunnel == null) {
            tunnels.put(hoa, dataPlane.open(spec));
            stats.count("tunnel.opened");
        } else if (!tunnel.spec().equals(spec)) {
            tunnel.update(spec);
            stats.count("tunnel.moved");
        }
        if (needsProxy(binding, previous)) {
            proxy.intercept(linkOf(hoa), hoa, binding.has(Binding.LINK_LOCAL_COMPATIBILITY));
        }
    }

    @Override
    public void uninstall(Binding binding) {
        Ipv6Address hoa = binding.homeAddress();
        try {
            proxy.release(linkOf(hoa), hoa, binding.has(Binding.LINK_LOCAL_COMPATIBILITY));
        } catch (RuntimeException e) {
            log.warn("proxy neighbour entry of {} not removed: {}", hoa, e.getMessage());
        }
        Tunnel tunnel = tunnels.remove(hoa);
        if (tunnel != null) {
            tunnel.close();
            stats.count("tunnel.closed");
        }
    }

    /**
     * The forwarding changes of many bindings with one exchange with the kernel for the tunnels (through the data
     * plane's batch) and one for the proxy entries, instead of several round trips per binding. A home address
     * changed twice in the list is split into consecutive batches, so its changes apply in order.
     */
    @Override
    public List<Exception> apply(List<ForwardingUpdates.Change> changes) {
        if (changes.size() == 1) {
            return RegistrationEffects.super.apply(changes);
        }
        List<Exception> out = new ArrayList<>(changes.size());
        Set<Ipv6Address> inBatch = new HashSet<>();
        int start = 0;
        for (int i = 0; i <= changes.size(); i++) {
            if (i == changes.size() || !inBatch.add(changes.get(i).subject().homeAddress())) {
                out.addAll(applyTogether(changes.subList(start, i)));
                start = i;
                inBatch.clear();
                if (i < changes.size()) {
                    inBatch.add(changes.get(i).subject().homeAddress());
                }
            }
        }
        return out;
    }

    /** One batch of changes, each of a different home address. */
    private List<Exception> applyTogether(List<ForwardingUpdates.Change> changes) {
        KernelBatch proxies = kernel.batch();
        List<TunnelChange> tunnelChanges = new ArrayList<>();
        int[] tunnelChange = new int[changes.size()];
        List<List<Integer>> proxyRequests = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ForwardingUpdates.Change c = changes.get(i);
            Ipv6Address hoa = c.subject().homeAddress();
            tunnelChange[i] = -1;
            if (c.removes()) {
                Tunnel tunnel = tunnels.remove(hoa);
                if (tunnel != null) {
                    tunnelChange[i] = tunnelChanges.size();
                    tunnelChanges.add(TunnelChange.close(tunnel));
                }
                proxyRequests.add(proxy.queueRelease(proxies, linkOf(hoa), hoa,
                        c.previous().has(Binding.LINK_LOCAL_COMPATIBILITY)));
                continue;
            }
            TunnelSpec spec = tunnelSpec(c.binding());
            Tunnel tunnel = tunnels.get(hoa);
            if (tunnel == null || !tunnel.spec().equals(spec)) {
                tunnelChange[i] = tunnelChanges.size();
                tunnelChanges.add(tunnel == null ? TunnelChange.open(spec) : TunnelChange.move(tunnel, spec));
            }
            boolean linkLocal = c.binding().has(Binding.LINK_LOCAL_COMPATIBILITY);
            proxyRequests.add(needsProxy(c.binding(), c.previous())
                    ? proxy.queueIntercept(proxies, linkOf(hoa), hoa, linkLocal) : List.of());
        }
        List<TunnelChange.Outcome> outcomes = tunnelChanges.isEmpty() ? List.of() : dataPlane.apply(tunnelChanges);
        Map<Integer, KernelException> refused = proxies.execute();
        List<Exception> out = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ForwardingUpdates.Change c = changes.get(i);
            Ipv6Address hoa = c.subject().homeAddress();
            TunnelChange.Outcome outcome = tunnelChange[i] < 0 ? null : outcomes.get(tunnelChange[i]);
            Exception failure = outcome == null || outcome.succeeded() ? null : outcome.failure();
            for (int request : proxyRequests.get(i)) {
                if (failure == null && refused.containsKey(request)) {
                    failure = refused.get(request);
                }
            }
            if (c.removes()) {
                if (outcome != null) {
                    stats.count("tunnel.closed");
                }
                if (failure != null) {
                    log.warn("forwarding of {} not entirely removed: {}", hoa, failure.toString());
                }
                out.add(null);
                continue;
            }
            if (outcome != null && outcome.succeeded()) {
                if (tunnelChanges.get(tunnelChange[i]).opens()) {
                    tunnels.put(hoa, outcome.tunnel());
                    stats.count("tunnel.opened");
                } else {
                    stats.count("tunnel.moved");
                }
            }
            if (failure == null && !proxyRequests.get(i).isEmpty()) {
                try {
                    proxy.announce(linkOf(hoa), hoa, c.binding().has(Binding.LINK_LOCAL_COMPATIBILITY));
                } catch (SignallingException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                log.warn("forwarding for {} via {} not set up: {}", hoa, c.binding().careOfAddress(),
                        failure.toString());
            }
            out.add(failure);
        }
        return out;
    }

    /** A new binding, or one whose L flag changed, needs its proxy entries (§10.4.1). */
    private static boolean needsProxy(Binding binding, Binding previous) {
        return previous == null || previous.has(Binding.LINK_LOCAL_COMPATIBILITY)
                != binding.has(Binding.LINK_LOCAL_COMPATIBILITY);
    }

    /** §10.4.1: packets for the home address (and a mobile router's prefixes) go to the care-of address. */
    static TunnelSpec tunnelSpec(Binding b) {
        List<Ipv6Prefix> routed = new ArrayList<>();
        routed.add(Ipv6Prefix.host(b.homeAddress()));
        routed.addAll(b.mobileNetworkPrefixes());
        return new TunnelSpec(b.localAddress(), b.careOfAddress(), 0, routed, null, routed);
    }

    @Override
    public void send(SignallingPacket packet) {
        try {
            signalling.send(packet);
        } catch (SignallingException e) {
            stats.count("send.error");
            log.warn("sending to {} failed: {}", packet.destination(), e.getMessage());
        }
    }

    @Override
    public void post(String topic, Binding b) {
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        admin.postEvent(new Event(topic, BindingEvents.properties(b)));
    }

    /** Closes every tunnel (the home agent is stopping); proxy entries go with the kernel driver's clean-up too. */
    void closeAll(Iterable<Binding> bindings) {
        for (Binding b : bindings) {
            uninstall(b);
        }
        tunnels.values().forEach(Tunnel::close);
        tunnels.clear();
    }
}
