package mobility.mn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.binding.BindingUpdateList;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.Change;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.Link;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.role.MobilityRole;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.Counters;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.DataPlane;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.ParameterProblem;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The mobile node of RFC 6275 §11, as one Declarative Services component that exists while configuration PID
 * {@code mobility.mn} does. Everything it knows lives on one event thread: kernel events, received signalling and
 * timers are queued there, so movement detection, the Binding Update List and the tunnel never race. Immediate: it
 * runs because it is configured, not because something happens to use its services.
 *
 * <p>This class wires the parts together and dispatches events to them, in the order the kernel needs: where the
 * node is ({@link MovementDetector}), the home registration ({@link HomeRegistration}, §11.7.1), home agent discovery
 * ({@link HomeAgentAddressDiscovery}, §11.4.1), the home prefix ({@link MobilePrefixDiscovery}, §11.4.2), the
 * reverse tunnel ({@link ReverseTunnel}, §11.3.1), the home address ({@link HomeAddressPlacement}, §11.5), the
 * routes and addresses of links left behind ({@link LinkCleanup}, §11.5.1) and the return to a known link
 * ({@link Reattachment}, RFC 6059). All of them send through one {@link SignallingSender}.
 */
@Component(service = {MobilityRole.class, BindingUpdateList.class, MobilityStatistics.class},
        configurationPid = MobileNodeConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        property = {MobilityRole.ROLE + "=" + MobilityRole.MOBILE_NODE, MobilityStatistics.SCOPE + "=mobile-node"})
@Designate(ocd = MobileNodeConfiguration.class)
public class MobileNode implements MobilityRole, BindingUpdateList, MobilityStatistics {

    private static final long TICK_MILLIS = 50;
    /** A fresh 16-bit identifier or initial sequence number. */
    private static final IntSupplier RANDOM_16 = () -> ThreadLocalRandom.current().nextInt(0x10000);

    private final Logger log;
    private final KernelDriver kernel;
    private final MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
    private final Counters stats = new Counters();
    private final ScheduledExecutorService loop;
    private final MobileNodeSettings settings;
    private final Ipv6Address homeAddress;
    private final MovementDetector detector;
    private final NetworkAttachment attachment;
    private final SignallingSender out;
    private final HomeAgentAddressDiscovery discovery;
    private final MobilePrefixDiscovery prefixDiscovery;
    private final ReverseTunnel tunnel;
    private final HomeAddressPlacement homeAddressPlacement;
    private final Reattachment reattachment;
    private final LinkCleanup cleanup;
    private final SignallingReceiver receiver;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    // Confined to the loop thread.
    private Location location = Location.DETACHED;
    private HomeRegistration registration;
    /** §11.1: one Binding Update List entry per correspondent, beside the home registration (§11.6, §11.7.2). */
    private final ReturnRoutability correspondents;
    private final Map<Integer, Link> links = new HashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private volatile List<BindingUpdateListEntry> bul = List.of();
    private volatile String stateLine = "starting";

    @Activate
    public MobileNode(MobileNodeConfiguration config, @Reference SignallingService signalling,
            @Reference DataPlane dataPlane, @Reference KernelDriver kernel, @Reference PacketSockets packetSockets,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.kernel = kernel;
        this.settings = MobileNodeSettings.of(config);
        this.homeAddress = settings.homeAddress();
        Ipv6Prefix homeAddressPrefix = settings.homeAddressPrefix();
        this.detector = new MovementDetector(homeAddress, homeAddressPrefix, settings.preferences());
        this.attachment = new NetworkAttachment(homeAddressPrefix);
        this.out = new SignallingServiceSender(signalling, codec, stats, log);
        this.discovery = new HomeAgentAddressDiscovery(homeAddressPrefix, out, stats, RANDOM_16);
        this.prefixDiscovery = new MobilePrefixDiscovery(homeAddressPrefix, settings.lifetimeSeconds(),
                settings.timers().max(), out, RANDOM_16);
        this.tunnel = new ReverseTunnel(dataPlane, homeAddress, stats, log);
        this.homeAddressPlacement = new HomeAddressPlacement(kernel, homeAddressPrefix, settings.homeLink(), out,
                stats);
        this.reattachment = new Reattachment(kernel, attachment, detector, out, stats, log);
        this.cleanup = new LinkCleanup(kernel, homeAddressPrefix, detector, reattachment, stats);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mobility-mn");
            t.setDaemon(true);
            return t;
        });
        TunnelledCorrespondents tunnelled = new TunnelledCorrespondents(packetSockets, kernel.namespace(), stats, log,
                correspondent -> loop.execute(() -> tunnelledFrom(correspondent)));
        this.correspondents = new ReturnRoutability(settings, codec, out, tunnelled,
                new ReturnRoutability.Whereabouts() {
            @Override
            public Location location() {
                return location;
            }

            @Override
            public Ipv6Address registeredHomeAgent() {
                return registration != null && registration.state() == BindingUpdateListEntry.State.REGISTERED
                        ? registration.homeAgent() : null;
            }
        }, stats, log, RANDOM_16, random::nextLong);
        this.receiver = new SignallingReceiver(signalling, codec, loop, stats, log, this::mobilityMessage,
                this::icmpMessage);
        loop.execute(this::start);
    }

    private void start() {
        if (settings.homeAgent() != null) {
            registration = newRegistration(settings.homeAgent());
        }
        for (Link l : kernel.links().list()) {
            links.put(l.index(), l);
            detector.link(l.index(), l.name(), l.up() && l.lowerUp());
        }
        for (Address a : kernel.addresses().list()) {
            noteAddress(a, true);
        }
        subscriptions.add(kernel.links().subscribe((change, link) -> loop.execute(() -> linkChanged(change, link))));
        subscriptions.add(kernel.addresses().subscribe((change, a) -> loop.execute(() -> {
            noteAddress(a, change == Change.NEW);
            reevaluate();
        })));
        receiver.listen();
        subscriptions.add(receiver);
        // §11.5.1: solicit at once rather than wait for the next unsolicited advertisement.
        List<Address> addresses = kernel.addresses().list();
        links.values().stream().filter(l -> l.up() && l.lowerUp())
                .forEach(l -> RouterDiscovery.solicit(l, addresses, out, stats));
        loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        reevaluate();
    }

    private HomeRegistration newRegistration(Ipv6Address homeAgent) {
        return new HomeRegistration(homeAddress, homeAgent, settings.lifetimeSeconds(), RANDOM_16.getAsInt(),
                settings.timers());
    }

    // Events, on the loop thread.

    private void linkChanged(Change change, Link link) {
        boolean wasUp = links.containsKey(link.index()) && links.get(link.index()).up()
                && links.get(link.index()).lowerUp();
        boolean isUp = change == Change.NEW && link.up() && link.lowerUp();
        if (change == Change.DELETED) {
            links.remove(link.index());
        } else {
            links.put(link.index(), link);
        }
        detector.link(link.index(), link.name(), isUp);
        if (isUp && !wasUp) {
            stats.count("link.up");
            List<Address> addresses = kernel.addresses().list();
            RouterDiscovery.solicit(link, addresses, out, stats);
            reattachment.probeKnownRouters(link, addresses, System.currentTimeMillis());
        } else if (!isUp && wasUp) {
            stats.count("link.down");
            reattachment.linkDown(link.index());
            if (settings.flushVisitedAddresses()) {
                cleanup.forgetLink(link.index());
            }
        }
        reevaluate();
    }

    private void noteAddress(Address a, boolean present) {
        boolean usable = !a.flags().contains(AddressFlag.DADFAILED)
                && (!a.flags().contains(AddressFlag.TENTATIVE) || a.flags().contains(AddressFlag.OPTIMISTIC));
        detector.address(a.ifindex(), a.prefix().address(), usable, present);
    }

    private void mobilityMessage(SignallingPacket p, MobilityMessage m) {
        CorrespondentRegistration cr = correspondents.of(p.source());
        if (cr != null) {
            correspondents.received(p, m, cr, System.currentTimeMillis());
            publish();
            return;
        }
        if (registration == null || !p.source().equals(registration.homeAgent())) {
            stats.count("mh.drop.unknown_sender");
            return;
        }
        long now = System.currentTimeMillis();
        if (m instanceof BindingAcknowledgement ba) {
            stats.count("ba.received.status." + ba.status());
            switch (registration.acknowledged(ba, now)) {
                case REGISTERED -> {
                    log.info("home registration of {} via {} accepted for {} s (seq {})",
                            homeAddress, registration.careOf(), ba.lifetimeSeconds(), ba.sequenceNumber());
                    if (location.away()) {
                        correspondents.registeredAway(now);
                    }
                }
                case DEREGISTERED -> returnedHome();
                case RESEND -> sendDue(now);
                case REFUSED -> refused(ba);
                case IGNORED -> stats.count("ba.ignored");
            }
        } else if (m instanceof BindingRefreshRequest) {
            stats.count("brr.received");
            send(registration.refreshRequested(now));
        } else if (m instanceof BindingError be) {
            stats.count("be.received.status." + be.status());
            log.warn("Binding Error from {}: {}", p.source(), be.statusText());
        }
        publish();
    }

    /** §11.3.3: a correspondent's traffic came through the tunnel. */
    private void tunnelledFrom(Ipv6Address correspondent) {
        if (correspondents.tunnelledFrom(correspondent, System.currentTimeMillis())) {
            publish();
        }
    }

    private void refused(BindingAcknowledgement ba) {
        log.warn("home agent {} refused the registration of {}: status {}", registration.homeAgent(), homeAddress,
                ba.status());
        // §11.4.1: "not home agent for this mobile node": look for another one, unless one was configured.
        if (ba.status() == 133 && settings.homeAgent() == null) {
            registration = null;
            discovery.start(location, System.currentTimeMillis());
        }
    }

    private void icmpMessage(SignallingPacket p, Icmpv6Message m) {
        if (m instanceof ParameterProblem pp) {
            if (correspondents.parameterProblem(pp)) {
                publish();
            }
            return;
        }
        if (m instanceof RouterAdvertisement ra) {
            stats.count("ra.received");
            routerAdvertised(p, ra);
        } else if (m instanceof NeighborAdvertisement na) {
            if (reattachment.neighborAdvertised(p, na, System.currentTimeMillis())) {
                reevaluate();
            }
        } else if (m instanceof HomeAgentAddressDiscoveryReply reply) {
            homeAgentsDiscovered(reply);
        } else if (m instanceof MobilePrefixAdvertisement mpa) {
            stats.count("mpa.received");
            prefixDiscovery.advertised(mpa, System.currentTimeMillis());
        }
    }

    private void routerAdvertised(SignallingPacket p, RouterAdvertisement ra) {
        RouterAdvertised a = RouterAdvertised.of(ra);
        for (PrefixInformation pi : a.onLink()) {
            prefixDiscovery.prefixInformation(pi, System.currentTimeMillis());
        }
        if (a.routerLinkLayer() != null) {
            for (Ipv6Address address : a.routerAddresses()) {
                homeAddressPlacement.routerAddress(address, new LinkIdentity(p.source(), a.routerLinkLayer()));
            }
        }
        if (a.routerLinkLayer() != null && p.source().isLinkLocal()) {
            attachment.advertised(new LinkIdentity(p.source(), a.routerLinkLayer()), a.advertisedPrefixes(),
                    ra.routerLifetime(), a.intervalMillis(), System.currentTimeMillis());
        }
        detector.routerAdvertisement(p.interfaceIndex(), p.source(), ra.routerLifetime(), a.prefixes(),
                a.intervalMillis(), System.currentTimeMillis());
        reevaluate();
    }

    private void homeAgentsDiscovered(HomeAgentAddressDiscoveryReply reply) {
        Ipv6Address ha = discovery.answered(reply);
        if (ha == null) {
            return;
        }
        log.info("home agent {} found by discovery", ha);
        registration = newRegistration(ha);
        if (location.away()) {
            movedAway(location);
        }
    }

    private void tick() {
        long now = System.currentTimeMillis();
        prefixDiscovery.tick(now, location, registration);
        if (detector.expire(now)) {
            stats.count("router.lost");
            reevaluate();
        }
        if (registration != null) {
            sendDue(now);
        }
        correspondents.tick(now);
        if (discovery.tick(location, now)) {
            stateLine = "away, no home agent answered discovery";
        }
        publish();
    }

    private void sendDue(long now) {
        BindingUpdate bu = registration.due(now);
        if (bu != null) {
            stats.count(registration.entry().retransmissions() > 0 ? "bu.retransmitted" : "bu.refresh");
            send(bu);
        }
    }

    // Movement.

    private void reevaluate() {
        Location now = detector.locate();
        if (now.equals(location)) {
            return;
        }
        Location before = location;
        location = now;
        stats.count("movement." + now.kind().name().toLowerCase());
        log.info("movement: {} -> {}", before, now);
        if (before.ifindex() == now.ifindex() && now.router() != null && !now.router().equals(before.router())) {
            cleanup.forgetOtherRouters(now);
        }
        switch (now.kind()) {
            case AWAY -> {
                attachment.usingCareOf(now.router(), now.careOf());
                movedAway(now);
            }
            case AT_HOME -> cameHome(now);
            case DETACHED -> stateLine = "detached: no link with a router";
        }
        publish();
    }

    /**
     * §11.5.2: a new care-of address; register, keep the home address, move the tunnel. The Binding Update goes first:
     * it needs only the care-of address and a route, and the kernel work here takes less time than its round trip to
     * the home agent, so the reverse tunnel is in place before the first packet comes through the new one.
     */
    private void movedAway(Location l) {
        cleanup.forgetPrefixesOfOtherLinks(l);
        if (registration == null) {
            homeAddressPlacement.place(false);
            stateLine = "away on " + l.interfaceName() + ", looking for a home agent";
            discovery.start(l, System.currentTimeMillis());
            return;
        }
        if (registration.holds(l.careOf(), l.interfaceName())) {
            // Detached for a moment and back at the same care-of address: the home agent's binding is still right.
            stats.count("bu.not_needed");
        } else {
            send(registration.register(l.careOf(), l.interfaceName(), System.currentTimeMillis()));
        }
        homeAddressPlacement.place(false);
        tunnel.move(l, registration.homeAgent());
        stateLine = "away on " + l.interfaceName() + " with care-of address " + l.careOf();
    }

    /** §11.5.4: on the home link; deregister if a binding exists, otherwise just use the home address there. */
    private void cameHome(Location l) {
        // The reverse tunnel starts at a care-of address the node left: where the kernel routes signalling (the
        // kernel-mip6 path), the deregistration from the home address would go into it and be lost. Closed before
        // the home address moves to the home link, so what the tunnel removes cannot touch the address's new routes.
        tunnel.close();
        homeAddressPlacement.place(true);
        stateLine = "at home on " + l.interfaceName();
        correspondents.cameHome(System.currentTimeMillis());
        if (registration != null && registration.state() != null
                && registration.state() != BindingUpdateListEntry.State.FAILED) {
            homeAddressPlacement.knowHomeAgentsLinkLayerAddress(l, registration.homeAgent());
            send(registration.deregister(System.currentTimeMillis()));
            stateLine = "at home on " + l.interfaceName() + ", deregistering";
        } else {
            tunnel.close();
        }
    }

    /** §11.5.5: the home agent let go; stop tunnelling and claim the home address on the link again. */
    private void returnedHome() {
        tunnel.close();
        homeAddressPlacement.advertise();
        stateLine = "at home on " + location.interfaceName();
        log.info("deregistered: {} is at home", homeAddress);
    }

    /** A Binding Update of the home registration, to the home agent, from where the registration says. */
    private void send(BindingUpdate bu) {
        if (bu == null) {
            return;
        }
        out.bindingUpdate(bu, location.ifindex(), registration.careOf(), homeAddress, registration.homeAgent());
        publish();
    }

    private void publish() {
        List<Registration> all = new ArrayList<>();
        if (registration != null) {
            all.add(registration);
        }
        all.addAll(correspondents.entries());
        bul = Registration.published(all);
    }

    @Deactivate
    void stop() throws Exception {
        loop.submit(() -> {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    log.debug("closing a subscription: {}", e.getMessage());
                }
            }
            tunnel.close();
            correspondents.close();
        }).get(5, TimeUnit.SECONDS);
        loop.shutdownNow();
    }

    // MobilityRole, BindingUpdateList, MobilityStatistics

    @Override
    public String name() {
        return MOBILE_NODE;
    }

    @Override
    public String state() {
        return stateLine;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home_address", settings.homeAddressPrefix().toString());
        m.put("state", stateLine);
        m.put("bul_entries", bul.size());
        return m;
    }

    @Override
    public List<BindingUpdateListEntry> entries() {
        return bul;
    }

    @Override
    public String scope() {
        return "mobile-node";
    }

    @Override
    public Map<String, Long> counters() {
        return stats.snapshot();
    }
}
