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
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.HomeTest;
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
    /** §11.1: one Binding Update List entry per correspondent, beside the home registration. */
    private final Map<Ipv6Address, CorrespondentRegistration> correspondents = new java.util.LinkedHashMap<>();
    /** §11.3.3: correspondents whose traffic comes through the tunnel, the cue for route optimisation. */
    private final TunnelledCorrespondents tunnelled;
    /** Correspondents the node keeps entries for at most; more are counted and left to the tunnel. */
    static final int MAX_CORRESPONDENTS = 256;
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
        this.tunnelled = new TunnelledCorrespondents(packetSockets, kernel.namespace(), stats, log,
                correspondent -> loop.execute(() -> tunnelledFrom(correspondent)));
        this.receiver = new SignallingReceiver(signalling, codec, loop, stats, log, this::mobilityMessage,
                this::icmpMessage);
        loop.execute(this::start);
    }

    private void start() {
        if (settings.homeAgent() != null) {
            registration = newRegistration(settings.homeAgent());
        }
        for (Ipv6Address cn : settings.correspondents()) {
            correspondents.put(cn, new CorrespondentRegistration(homeAddress, cn, settings.lifetimeSeconds(),
                    RANDOM_16.getAsInt(), settings.timers(), codec, random::nextLong));
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
        CorrespondentRegistration cr = correspondents.get(p.source());
        if (cr != null) {
            correspondentMessage(p, m, cr);
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
                    bindCorrespondents(now);
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

    /**
     * §11.7.2: once the home agent holds the care-of address (the reverse tunnel then carries the Home Test Init),
     * return routability with every correspondent whose entry is not yet for this care-of address.
     */
    private void bindCorrespondents(long now) {
        if (!location.away()) {
            return;
        }
        for (CorrespondentRegistration cr : correspondents.values()) {
            boolean refusedForGood = cr.state() == BindingUpdateListEntry.State.FAILED
                    && !cr.fallbackReason().endsWith(".timeout");
            if (!refusedForGood && (!location.careOf().equals(cr.entry().careOfAddress()) || cr.state() == null
                    || cr.state() == BindingUpdateListEntry.State.FAILED)) {
                send(cr, cr.moved(location.careOf(), location.interfaceName(), now));
            }
        }
        if (!settings.routeOptimisation().isEmpty()) {
            tunnelled.watch(location.ifindex(), registration.homeAgent(), homeAddress, correspondents.keySet());
        }
    }

    /**
     * §11.3.3, §11.7.2: a correspondent this node has no entry for sent to the home address through the tunnel; one
     * that the policy covers gets an entry and return routability at once. One that refused (Binding Error 2: no
     * route optimisation there) keeps its failed entry, so its traffic does not start the procedure again.
     */
    private void tunnelledFrom(Ipv6Address correspondent) {
        if (correspondents.containsKey(correspondent) || !location.away() || registration == null
                || registration.state() != BindingUpdateListEntry.State.REGISTERED) {
            return;
        }
        if (!settings.optimises(correspondent)) {
            stats.count("ro.trigger.not_permitted");
            return;
        }
        if (correspondents.size() >= MAX_CORRESPONDENTS) {
            stats.count("ro.trigger.too_many");
            return;
        }
        stats.count("ro.triggered");
        log.info("route optimisation with {}: its traffic comes through the tunnel", correspondent);
        CorrespondentRegistration cr = new CorrespondentRegistration(homeAddress, correspondent,
                settings.lifetimeSeconds(), RANDOM_16.getAsInt(), settings.timers(), codec, random::nextLong);
        correspondents.put(correspondent, cr);
        send(cr, cr.moved(location.careOf(), location.interfaceName(), System.currentTimeMillis()));
        tunnelled.known(correspondents.keySet());
        publish();
    }

    /** §11.6.2, §11.7.3: the correspondent's tests, acknowledgements, refresh requests and errors. */
    private void correspondentMessage(SignallingPacket p, MobilityMessage m, CorrespondentRegistration cr) {
        long now = System.currentTimeMillis();
        List<CorrespondentRegistration.Outgoing> next;
        if (m instanceof HomeTest hot) {
            // §11.6.2: away, a Home Test counts only when it came through the tunnel from the home agent.
            if (location.away() && (registration == null
                    || !p.arrival().tunnelledFrom(registration.homeAgent()))) {
                stats.count("hot.drop.not_tunnelled");
                return;
            }
            next = cr.homeTest(hot, now);
            stats.count(next == null ? "hot.ignored" : "hot.received");
        } else if (m instanceof CareOfTest cot) {
            next = cr.careOfTest(cot, p.destination(), now);
            stats.count(next == null ? "cot.ignored" : "cot.received");
        } else if (m instanceof BindingAcknowledgement ba) {
            stats.count("cn.ba.received.status." + ba.status());
            next = cr.acknowledged(ba, p.message(), now);
            if (next == null) {
                stats.count("cn.ba.ignored");
            }
        } else if (m instanceof BindingRefreshRequest) {
            stats.count("cn.brr.received");
            next = cr.refreshRequested(now);
        } else if (m instanceof BindingError be) {
            stats.count("cn.be.received.status." + be.status());
            cr.bindingError(be);
            next = List.of();
        } else {
            stats.count("mh.ignored");
            return;
        }
        if (cr.state() == BindingUpdateListEntry.State.FAILED && cr.fallbackReason() != null) {
            // §11.7.2: the correspondent's traffic stays in the home agent's tunnel.
            stats.count("ro.fallback." + cr.fallbackReason());
            log.info("route optimisation with {} stopped: {}", cr.correspondent(), cr.fallbackReason());
        }
        send(cr, next);
    }

    /** What a correspondent entry asks to send: inits from the home address go wherever routing takes them. */
    private void send(CorrespondentRegistration cr, List<CorrespondentRegistration.Outgoing> outgoing) {
        if (outgoing == null) {
            return;
        }
        for (CorrespondentRegistration.Outgoing o : outgoing) {
            // From the home address while away the reverse tunnel's route takes it (§11.6.1): no interface.
            int ifindex = o.source().equals(homeAddress) && location.away() ? 0 : location.ifindex();
            if (o.signed() != null) {
                out.encoded(o.signed(), o.message().name(), ifindex, o.source(), cr.correspondent(),
                        o.homeAddressOption(), o.kind());
            } else {
                out.mobility(o.message(), ifindex, o.source(), cr.correspondent(), o.homeAddressOption(), o.kind());
            }
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

    /**
     * RFC 6275 §11.3.5: a Parameter Problem of code 1 pointing at a Mobility Header's Next Header, for a message sent
     * to a correspondent: it does not support Mobile IPv6; route optimisation with it stops (its traffic stays in
     * the tunnel) and it is not asked again.
     */
    private void parameterProblem(ParameterProblem pp) {
        byte[] invoking = pp.invokingPacket();
        if (pp.code() != 1 || invoking.length < 40 || pp.pointer() >= invoking.length
                || (invoking[(int) pp.pointer()] & 0xff) != 135) {
            return;
        }
        Ipv6Address to = Ipv6Address.of(java.util.Arrays.copyOfRange(invoking, 24, 40));
        CorrespondentRegistration cr = correspondents.get(to);
        if (cr != null && cr.state() != null && cr.state() != BindingUpdateListEntry.State.FAILED) {
            cr.unsupported();
            stats.count("ro.fallback.icmp.parameter_problem");
            log.info("route optimisation with {} stopped: it does not know the Mobility Header", to);
            publish();
        }
    }

    private void icmpMessage(SignallingPacket p, Icmpv6Message m) {
        if (m instanceof ParameterProblem pp) {
            parameterProblem(pp);
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
        for (CorrespondentRegistration cr : correspondents.values()) {
            if (cr.nextAt() != 0 && now >= cr.nextAt()) {
                send(cr, cr.due(now));
            }
        }
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
        tunnelled.close();
        homeAddressPlacement.place(true);
        stateLine = "at home on " + l.interfaceName();
        long now = System.currentTimeMillis();
        for (CorrespondentRegistration cr : correspondents.values()) {
            // §11.5.5, §5.2.6: deregistered with the home keygen token, from the home address.
            send(cr, cr.cameHome(now));
        }
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
        all.addAll(correspondents.values());
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
            tunnelled.close();
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
