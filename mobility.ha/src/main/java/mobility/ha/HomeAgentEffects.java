package mobility.ha;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingEvents;
import mobility.api.binding.BindingStore;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/** The home agent's registration effects, on the services it found: kernel, signalling, data plane, store. */
final class HomeAgentEffects implements RegistrationEffects {

    private final List<HomeLink> links;
    private final DuplicateAddressDetector dad;
    private final ProxyNeighbourDiscovery proxy;
    private final BindingStore store;
    private final DataPlane dataPlane;
    private final SignallingService signalling;
    private final Supplier<EventAdmin> events;
    private final HomeAgentStatistics stats;
    private final Logger log;
    /** The tunnel of each binding, by home address; touched only on that home address's worker. */
    private final Map<Ipv6Address, Tunnel> tunnels = new ConcurrentHashMap<>();

    HomeAgentEffects(List<HomeLink> links, DuplicateAddressDetector dad, ProxyNeighbourDiscovery proxy,
            BindingStore store, DataPlane dataPlane, SignallingService signalling, Supplier<EventAdmin> events,
            HomeAgentStatistics stats, Logger log) {
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
        return store.remove(homeAddress);
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
        boolean linkLocal = binding.has(Binding.LINK_LOCAL_COMPATIBILITY);
        if (previous == null || previous.has(Binding.LINK_LOCAL_COMPATIBILITY) != linkLocal) {
            proxy.intercept(linkOf(hoa), hoa, linkLocal);
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

    /** §10.4.1: packets for the home address (and a mobile router's prefixes) go to the care-of address. */
    static TunnelSpec tunnelSpec(Binding b) {
        List<Ipv6Prefix> routed = new ArrayList<>();
        routed.add(Ipv6Prefix.host(b.homeAddress()));
        routed.addAll(b.mobileNetworkPrefixes());
        return new TunnelSpec(b.homeAgentAddress(), b.careOfAddress(), 0, routed, null, routed);
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
        Map<String, Object> props = new HashMap<>();
        props.put(BindingEvents.HOME_ADDRESS, b.homeAddress().toString());
        props.put(BindingEvents.CARE_OF_ADDRESS, b.careOfAddress().toString());
        props.put(BindingEvents.LIFETIME, b.lifetimeSeconds());
        props.put(BindingEvents.SEQUENCE, b.sequence());
        props.put(BindingEvents.FLAGS, b.flagString());
        admin.postEvent(new Event(topic, props));
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
