package mobility.mn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.NeighbourState;
import mobility.api.kernel.Route;
import mobility.api.kernel.RouteType;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.role.MobilityRole;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.Counters;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.NeighborSolicitation;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;
import mobility.api.wire.icmp.RouterSolicitation;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The mobile node of RFC 6275 §11, as one Declarative Services component that exists while configuration PID
 * {@code mobility.mn} does. Everything it knows lives on one event thread: kernel events, received signalling and
 * timers are queued there, so movement detection, the Binding Update List and the tunnel never race. Immediate: it
 * runs because it is configured, not because something happens to use its services.
 */
@Component(service = {MobilityRole.class, BindingUpdateList.class, MobilityStatistics.class},
        configurationPid = MobileNodeConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        property = {MobilityRole.ROLE + "=" + MobilityRole.MOBILE_NODE, MobilityStatistics.SCOPE + "=mobile-node"})
@Designate(ocd = MobileNodeConfiguration.class)
public class MobileNode implements MobilityRole, BindingUpdateList, MobilityStatistics {

    private static final int ROUTER_ADVERTISEMENT = 134;
    private static final int NEIGHBOR_ADVERTISEMENT = 136;
    /**
     * The default route put back on a return to a known link (RFC 6059 §5.5) sits just behind the one the kernel
     * learns from the router's next advertisement (1024), so the two never collide.
     */
    private static final int REATTACHMENT_ROUTE_METRIC = 1025;
    private static final int DHAAD_REPLY = 145;
    private static final int MOBILE_PREFIX_ADVERTISEMENT = 147;
    private static final long TICK_MILLIS = 50;
    /** §12: INITIAL_DHAAD_TIMEOUT 3 s, DHAAD_RETRIES 4. */
    private static final long INITIAL_DHAAD_TIMEOUT = 3000;
    private static final int DHAAD_RETRIES = 4;
    /** §12: INITIAL_SOLICIT_TIMER 3 s; doubled on each retransmission up to the maximum Binding Update back-off. */
    private static final long INITIAL_SOLICIT_TIMER = 3000;
    /** rtnetlink.h: routes the kernel learned from Router Advertisements. */
    private static final int RTPROT_RA = 9;
    private static final Ipv6Address ALL_ROUTERS = Ipv6Address.parse("ff02::2");
    private static final Ipv6Address ALL_NODES = Ipv6Address.parse("ff02::1");

    private final Logger log;
    private final KernelDriver kernel;
    private final SignallingService signalling;
    private final DataPlane dataPlane;
    private final MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
    private final Counters stats = new Counters();
    private final ScheduledExecutorService loop;
    private final Ipv6Prefix homeAddressPrefix;
    private final Ipv6Address homeAddress;
    private final String homeLinkName;
    private final Ipv6Address configuredHomeAgent;
    private final int lifetimeSeconds;
    private final boolean flushVisitedAddresses;
    private final RegistrationTimers timers;
    private final MovementDetector detector;
    private final NetworkAttachment attachment;
    /** The default route and care-of address put back on each interface's return to a known link, until it goes. */
    private final Map<Integer, Route> reattachmentRoutes = new HashMap<>();
    private final Map<Integer, Address> reattachmentAddresses = new HashMap<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    // Confined to the loop thread.
    private Location location = Location.DETACHED;
    private HomeRegistration registration;
    private Tunnel tunnel;
    /** Routers' global addresses (Prefix Information with R, RFC 6275 §7.2) and the link-layer addresses they gave. */
    private final Map<Ipv6Address, LinkIdentity> routerLinkLayers = new HashMap<>();
    /** When the home prefix stops being valid (epoch ms), from advertisements at home or from the home agent. */
    private long homePrefixValidUntil = Long.MAX_VALUE;
    private int mpsIdentifier = -1;
    private long mpsNextAt;
    private long mpsWait = INITIAL_SOLICIT_TIMER;
    private int dhaadIdentifier = -1;
    private int dhaadTries;
    private long dhaadNextAt;
    private final Map<Integer, Link> links = new HashMap<>();
    private volatile List<BindingUpdateListEntry> bul = List.of();
    private volatile String stateLine = "starting";

    @Activate
    public MobileNode(MobileNodeConfiguration config, @Reference SignallingService signalling,
            @Reference DataPlane dataPlane, @Reference KernelDriver kernel,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        this.kernel = kernel;
        this.signalling = signalling;
        this.dataPlane = dataPlane;
        this.homeAddressPrefix = parsePrefix(config.homeAddress());
        this.homeAddress = homeAddressPrefix.address();
        this.homeLinkName = config.homeLink().trim();
        this.configuredHomeAgent = config.homeAgentAddress().isBlank() ? null
                : parseAddress("homeAgentAddress", config.homeAgentAddress());
        this.lifetimeSeconds = config.maxBindingLifetime();
        this.flushVisitedAddresses = config.flushVisitedAddresses();
        this.timers = new RegistrationTimers(config.initialBindackTimeoutFirstReg(), config.initialBindackTimeout(),
                config.maxBindackTimeout(), RegistrationTimers.DEFAULT.refreshFraction());
        this.detector = new MovementDetector(homeAddress, homeAddressPrefix, preferences(config.interfaces()));
        this.attachment = new NetworkAttachment(homeAddressPrefix);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mobility-mn");
            t.setDaemon(true);
            return t;
        });
        loop.execute(this::start);
    }

    private static Ipv6Prefix parsePrefix(String text) {
        try {
            Ipv6Prefix p = Ipv6Prefix.parse(text.trim());
            if (p.length() == 128 && !text.contains("/")) {
                throw new IllegalArgumentException("no prefix length");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.mn homeAddress='" + text + "': " + e.getMessage()
                    + " (expected e.g. 2001:db8:1::100/64)", e);
        }
    }

    private static Ipv6Address parseAddress(String key, String text) {
        try {
            return Ipv6Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.mn " + key + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> preferences(String[] interfaces) {
        Map<String, Integer> prefs = new LinkedHashMap<>();
        for (String spec : interfaces) {
            String[] parts = spec.trim().split(":");
            try {
                prefs.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mobility.mn interfaces: '" + spec + "' is not name:preference");
            }
        }
        return prefs;
    }

    private void start() {
        if (configuredHomeAgent != null) {
            registration = newRegistration(configuredHomeAgent);
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
        listen();
        // §11.5.1: solicit at once rather than wait for the next unsolicited advertisement.
        List<Address> addresses = kernel.addresses().list();
        links.values().stream().filter(l -> l.up() && l.lowerUp()).forEach(l -> solicitRouters(l, addresses));
        loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        reevaluate();
    }

    /** Subscribes to the signalling the mobile node needs; a failure is logged, counted and retried every second. */
    private void listen() {
        try {
            SignallingService.Subscription s = signalling.listen(
                    Set.of(MobilityHeader.BINDING_ACKNOWLEDGEMENT, MobilityHeader.BINDING_REFRESH_REQUEST,
                            MobilityHeader.BINDING_ERROR),
                    Set.of(ROUTER_ADVERTISEMENT, NEIGHBOR_ADVERTISEMENT, DHAAD_REPLY, MOBILE_PREFIX_ADVERTISEMENT),
                    p -> loop.execute(() -> received(p)));
            subscriptions.add(s::close);
        } catch (RuntimeException e) {
            stats.count("listen.failed");
            log.error("cannot listen for signalling yet, retrying in 1 s: {}", e.toString());
            if (!loop.isShutdown()) {
                loop.schedule(this::listen, 1, TimeUnit.SECONDS);
            }
        }
    }

    private HomeRegistration newRegistration(Ipv6Address homeAgent) {
        return new HomeRegistration(homeAddress, homeAgent, lifetimeSeconds,
                ThreadLocalRandom.current().nextInt(0x10000), timers);
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
            solicitRouters(link, addresses);
            probeKnownRouters(link, addresses);
        } else if (!isUp && wasUp) {
            stats.count("link.down");
            attachment.linkDown(link.index());
            removeReattachmentRoute(link.index());
            if (flushVisitedAddresses) {
                forgetLink(link.index());
            }
        }
        reevaluate();
    }

    private void noteAddress(Address a, boolean present) {
        boolean usable = !a.flags().contains(AddressFlag.DADFAILED)
                && (!a.flags().contains(AddressFlag.TENTATIVE) || a.flags().contains(AddressFlag.OPTIMISTIC));
        detector.address(a.ifindex(), a.prefix().address(), usable, present);
    }

    private void received(SignallingPacket p) {
        if (p.protocol() == SignallingPacket.MOBILITY_HEADER) {
            mobilityMessage(p);
        } else {
            icmpMessage(p);
        }
    }

    private void mobilityMessage(SignallingPacket p) {
        MobilityMessage m;
        Ipv6Address finalDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        try {
            m = codec.decode(p.message(), 0, p.message().length, p.effectiveSource(), finalDestination);
        } catch (WireFormatException e) {
            stats.count("mh.drop.malformed");
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
                case REGISTERED -> log.info("home registration of {} via {} accepted for {} s (seq {})",
                        homeAddress, registration.careOf(), ba.lifetimeSeconds(), ba.sequenceNumber());
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

    private void refused(BindingAcknowledgement ba) {
        log.warn("home agent {} refused the registration of {}: status {}", registration.homeAgent(), homeAddress,
                ba.status());
        // §11.4.1: "not home agent for this mobile node": look for another one, unless one was configured.
        if (ba.status() == 133 && configuredHomeAgent == null) {
            registration = null;
            startDhaad();
        }
    }

    private void icmpMessage(SignallingPacket p) {
        Icmpv6Message m;
        Ipv6Address finalDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        try {
            m = Icmpv6Codec.decode(p.message(), 0, p.message().length, p.source(), finalDestination);
        } catch (WireFormatException e) {
            stats.count("icmp.drop.malformed");
            return;
        }
        if (m instanceof RouterAdvertisement ra) {
            stats.count("ra.received");
            routerAdvertised(p, ra);
        } else if (m instanceof NeighborAdvertisement na) {
            neighborAdvertised(p, na);
        } else if (m instanceof HomeAgentAddressDiscoveryReply reply) {
            homeAgentsDiscovered(reply);
        } else if (m instanceof MobilePrefixAdvertisement mpa) {
            stats.count("mpa.received");
            // §11.4.3: solicited (our identifier) or unsolicited, the home prefix's lifetimes are news either way.
            for (NdOption o : mpa.options()) {
                if (o instanceof PrefixInformation pi) {
                    learnHomePrefixLifetime(pi);
                }
            }
            if (mpa.identifier() == mpsIdentifier) {
                mpsIdentifier = -1;
                mpsWait = INITIAL_SOLICIT_TIMER;
            }
        }
    }

    private void routerAdvertised(SignallingPacket p, RouterAdvertisement ra) {
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        List<NetworkAttachment.AdvertisedPrefix> advertised = new ArrayList<>();
        long interval = 0;
        String routerLinkLayer = null;
        List<Ipv6Address> routerAddresses = new ArrayList<>();
        for (NdOption o : ra.options()) {
            if (o instanceof PrefixInformation pi && pi.routerAddress()) {
                routerAddresses.add(pi.prefix());
            }
            if (o instanceof PrefixInformation pi && pi.onLink()) {
                Ipv6Prefix prefix = Ipv6Prefix.of(pi.prefix(), pi.prefixLength());
                prefixes.add(prefix);
                advertised.add(new NetworkAttachment.AdvertisedPrefix(prefix, pi.validLifetime(),
                        pi.preferredLifetime()));
                learnHomePrefixLifetime(pi);
            } else if (o instanceof AdvertisementInterval ai) {
                interval = ai.intervalMillis();
            } else if (o instanceof LinkLayerAddressOption lla
                    && lla.type() == LinkLayerAddressOption.SOURCE_LINK_LAYER_ADDRESS) {
                routerLinkLayer = lla.addressText();
            }
        }
        if (routerLinkLayer != null) {
            for (Ipv6Address a : routerAddresses) {
                routerLinkLayers.put(a, new LinkIdentity(p.source(), routerLinkLayer));
            }
        }
        if (routerLinkLayer != null && p.source().isLinkLocal()) {
            attachment.advertised(new LinkIdentity(p.source(), routerLinkLayer), advertised, ra.routerLifetime(),
                    interval, System.currentTimeMillis());
        }
        detector.routerAdvertisement(p.interfaceIndex(), p.source(), ra.routerLifetime(), prefixes, interval,
                System.currentTimeMillis());
        reevaluate();
    }

    private void learnHomePrefixLifetime(PrefixInformation pi) {
        if (Ipv6Prefix.of(pi.prefix(), pi.prefixLength()).equals(homeAddressPrefix.network())) {
            homePrefixValidUntil = pi.validLifetime() == 0xffff_ffffL ? Long.MAX_VALUE
                    : System.currentTimeMillis() + pi.validLifetime() * 1000;
        }
    }

    /**
     * §11.4.2: while away and registered, ask the home agent for the home prefix once less of its valid lifetime
     * remains than the binding lifetime this node asks for; retransmitted with exponential back-off until answered.
     */
    private void solicitHomePrefixWhenItRunsLow(long now) {
        if (!location.away() || registration == null || registration.state() != BindingUpdateListEntry.State.REGISTERED
                || homePrefixValidUntil == Long.MAX_VALUE
                || homePrefixValidUntil - now > lifetimeSeconds * 1000L || now < mpsNextAt) {
            return;
        }
        if (mpsIdentifier < 0) {
            mpsIdentifier = ThreadLocalRandom.current().nextInt(0x10000);
        }
        MobilePrefixSolicitation mps = new MobilePrefixSolicitation(mpsIdentifier);
        byte[] m = Icmpv6Codec.encode(mps, homeAddress, registration.homeAgent());
        try {
            signalling.send(new SignallingPacket(SignallingPacket.ICMPV6, location.ifindex(), location.careOf(),
                    registration.homeAgent(), homeAddress, null, 64, m));
            stats.count("mps.sent");
        } catch (SignallingException e) {
            stats.count("icmp.send_error");
        }
        mpsNextAt = now + mpsWait;
        mpsWait = Math.min(mpsWait * 2, timers.max());
    }

    private void tick() {
        long now = System.currentTimeMillis();
        solicitHomePrefixWhenItRunsLow(now);
        if (detector.expire(now)) {
            stats.count("router.lost");
            reevaluate();
        }
        if (registration != null) {
            sendDue(now);
        }
        if (dhaadIdentifier >= 0 && now >= dhaadNextAt) {
            sendDhaadRequest(now);
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

    // Detecting Network Attachment (RFC 6059).

    /**
     * RFC 6059 §5.2.4: alongside the Router Solicitation, a unicast Neighbor Solicitation to each remembered router,
     * from the link-local address, to the router's link-layer address (a neighbour entry with the remembered address,
     * so the kernel sends it there without resolving it first): only that router can answer.
     */
    private void probeKnownRouters(Link link, List<Address> addresses) {
        List<NetworkAttachment.KnownLink> probes = attachment.linkUp(link.index(), System.currentTimeMillis());
        if (probes.isEmpty()) {
            return;
        }
        Address usable = RouterDiscovery.usableLinkLocal(link.index(), addresses);
        if (usable == null) {
            // §5.2.4: a solicitation needs a source address that may be used; the Router Solicitation still went.
            stats.count("dna.no_link_local");
            return;
        }
        Ipv6Address source = usable.prefix().address();
        byte[] mac = link.addressBytes();
        List<NdOption> options = mac.length == 0 ? List.of() : List.of(LinkLayerAddressOption.source(mac));
        for (NetworkAttachment.KnownLink k : probes) {
            Ipv6Address router = k.identity().router();
            try {
                kernel.neighbours().add(new Neighbour(link.index(), router, k.identity().linkLayerAddress(),
                        Set.of(NeighbourState.STALE), false, true, KernelMarks.PROTOCOL));
            } catch (KernelException e) {
                stats.count("dna.neighbour_error");
            }
            NeighborSolicitation ns = new NeighborSolicitation(router, options);
            sendIcmp(link.index(), source, router, 255, Icmpv6Codec.encode(ns, source, router), "dna.ns.sent");
        }
    }

    /** RFC 6059 §5.2.5: a solicited advertisement of a probed router for itself says which known link this is. */
    private void neighborAdvertised(SignallingPacket p, NeighborAdvertisement na) {
        if (!na.solicited() || !na.target().equals(p.source()) || !p.source().isLinkLocal()) {
            return;
        }
        NetworkAttachment.KnownLink known = attachment.confirmed(p.interfaceIndex(), p.source(),
                System.currentTimeMillis());
        if (known != null) {
            reattach(p.interfaceIndex(), known);
        }
    }

    /**
     * RFC 6059 §5.5: back on a known link, its router, prefixes and care-of address are valid again without waiting
     * for an advertisement. The care-of address comes back (flushed when the carrier went) as an optimistic address
     * (RFC 4429 §3: usable while DAD runs, where the kernel does DAD) with what is left of its lifetimes, the default
     * route through the router comes back, and the router counts as heard: the address's kernel event then moves the
     * node, and the router's next advertisement refreshes all of it.
     */
    private void reattach(int ifindex, NetworkAttachment.KnownLink k) {
        long now = System.currentTimeMillis();
        stats.count("dna.confirmed");
        Ipv6Address router = k.identity().router();
        try {
            NetworkAttachment.AdvertisedPrefix p = k.careOfPrefix();
            if (p != null) {
                long valid = Math.min(Address.FOREVER, k.remaining(p.validSeconds(), now));
                long preferred = Math.min(valid, k.remaining(p.preferredSeconds(), now));
                Address careOf = Address.of(ifindex, new Ipv6Prefix(k.careOf(), p.prefix().length()))
                        .withFlags(AddressFlag.OPTIMISTIC).withLifetimes(valid, preferred);
                if (ensure(careOf)) {
                    reattachmentAddresses.put(ifindex, careOf);
                }
            }
            Route route = Route.to(Ipv6Prefix.DEFAULT).via(router).dev(ifindex).metric(REATTACHMENT_ROUTE_METRIC);
            kernel.routes().replace(route);
            reattachmentRoutes.put(ifindex, route);
        } catch (KernelException e) {
            stats.count("dna.reattach_failed");
            log.warn("back on the link of {}, but its addresses could not be put back: {}", router, e.getMessage());
            return;
        }
        detector.routerAdvertisement(ifindex, router, k.routerLifetimeSeconds(), k.onLinkPrefixes(),
                k.intervalMillis(), now);
        reevaluate();
    }

    private void removeReattachmentRoute(int ifindex) {
        Route r = reattachmentRoutes.remove(ifindex);
        if (r != null) {
            try {
                kernel.routes().remove(r);
            } catch (KernelException e) {
                // Gone with the link already.
            }
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
            forgetOtherRouters(now);
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
        forgetPrefixesOfOtherLinks(l);
        if (registration == null) {
            placeHomeAddress(false);
            stateLine = "away on " + l.interfaceName() + ", looking for a home agent";
            startDhaad();
            return;
        }
        if (registration.holds(l.careOf(), l.interfaceName())) {
            // Detached for a moment and back at the same care-of address: the home agent's binding is still right.
            stats.count("bu.not_needed");
        } else {
            send(registration.register(l.careOf(), l.interfaceName(), System.currentTimeMillis()));
        }
        placeHomeAddress(false);
        moveTunnel(l);
        stateLine = "away on " + l.interfaceName() + " with care-of address " + l.careOf();
    }

    /** §11.5.4: on the home link; deregister if a binding exists, otherwise just use the home address there. */
    private void cameHome(Location l) {
        // The reverse tunnel starts at a care-of address the node left: where the kernel routes signalling (the
        // kernel-mip6 path), the deregistration from the home address would go into it and be lost. Closed before
        // the home address moves to the home link, so what the tunnel removes cannot touch the address's new routes.
        closeTunnel();
        placeHomeAddress(true);
        stateLine = "at home on " + l.interfaceName();
        if (registration != null && registration.state() != null
                && registration.state() != BindingUpdateListEntry.State.FAILED) {
            knowHomeAgentsLinkLayerAddress(l);
            send(registration.deregister(System.currentTimeMillis()));
            stateLine = "at home on " + l.interfaceName() + ", deregistering";
        } else {
            closeTunnel();
        }
    }

    /**
     * §11.5.5: until the home agent has let go of the home address it defends it with proxy ND, so the node must not
     * solicit the home agent's link-layer address from its home address (the answer would go to the address the home
     * agent still intercepts). Its Router Advertisement gave that address already (Source Link-Layer Address option,
     * its global address in a Prefix Information option with R set, §7.2): it goes into the neighbour cache, so the
     * deregistration leaves at once without a solicitation. (Where no advertisement said so, the kernel solicits.)
     */
    private void knowHomeAgentsLinkLayerAddress(Location l) {
        LinkIdentity ha = routerLinkLayers.get(registration.homeAgent());
        if (ha == null) {
            stats.count("home.ha_link_layer_unknown");
            return;
        }
        try {
            kernel.neighbours().add(new Neighbour(l.ifindex(), registration.homeAgent(), ha.linkLayerAddress(),
                    Set.of(NeighbourState.STALE), false, true, KernelMarks.PROTOCOL));
            stats.count("home.ha_link_layer_from_ra");
        } catch (KernelException e) {
            stats.count("home.neighbour_error");
        }
    }

    /** §11.5.5: the home agent let go; stop tunnelling and claim the home address on the link again. */
    private void returnedHome() {
        closeTunnel();
        advertiseHomeAddress();
        stateLine = "at home on " + location.interfaceName();
        log.info("deregistered: {} is at home", homeAddress);
    }

    private void moveTunnel(Location l) {
        TunnelSpec spec = new TunnelSpec(l.careOf(), registration.homeAgent(), l.ifindex(),
                List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(homeAddress), List.of(Ipv6Prefix.DEFAULT));
        try {
            if (tunnel == null) {
                tunnel = dataPlane.open(spec);
                stats.count("tunnel.opened");
            } else {
                tunnel.update(spec);
                stats.count("tunnel.moved");
            }
        } catch (TunnelException e) {
            stats.count("tunnel.error");
            log.error("reverse tunnel from {} to {} failed: {}", l.careOf(), registration.homeAgent(), e.getMessage());
        }
    }

    private void closeTunnel() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
            stats.count("tunnel.closed");
        }
    }

    /**
     * The home address stays on the node wherever it is (§11.5): on the home link interface with its prefix when at
     * home, on the loopback interface as a /128 marked as a home address when away.
     */
    private void placeHomeAddress(boolean atHome) {
        Link home = kernel.links().get(homeLinkName).orElse(null);
        Link lo = kernel.links().get("lo").orElseThrow();
        Address onHomeLink = home == null ? null
                : Address.of(home.index(), homeAddressPrefix).withFlags(AddressFlag.NODAD);
        Address onLoopback = Address.of(lo.index(), Ipv6Prefix.host(homeAddress))
                .withFlags(AddressFlag.HOME_ADDRESS, AddressFlag.NODAD);
        if (atHome) {
            ensure(onHomeLink);
            remove(onLoopback);
        } else {
            ensure(onLoopback);
            remove(onHomeLink);
        }
    }

    /**
     * Adds the address unless it is there; true when it was added. Not a replace: the kernel answers a replace of an
     * existing address by dropping every other local route for it, such as the one a tunnel provider keeps for
     * delivering decapsulated packets to the home address.
     */
    private boolean ensure(Address a) {
        if (a == null) {
            return false;
        }
        for (Address present : kernel.addresses().list()) {
            if (present.ifindex() == a.ifindex() && present.prefix().equals(a.prefix())) {
                return false;
            }
        }
        kernel.addresses().add(a);
        return true;
    }

    private void remove(Address a) {
        if (a == null) {
            return;
        }
        try {
            kernel.addresses().remove(a.ifindex(), a.prefix());
        } catch (KernelException e) {
            // Not there: nothing to remove.
        }
    }

    /**
     * §11.5.1: a new default router on the same interface, without a carrier change (a move seen only in Router
     * Advertisements): the kernel keeps the old router's default route until its lifetime ends and may still send
     * the next Binding Update through it, so routes through every other router on that interface go now.
     */
    private void forgetOtherRouters(Location l) {
        Route ours = reattachmentRoutes.get(l.ifindex());
        if (ours != null && !ours.gateway().equals(l.router())) {
            removeReattachmentRoute(l.ifindex());
        }
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            if (r.ifindex() == l.ifindex() && r.protocol() == RTPROT_RA && r.gateway() != null
                    && !r.gateway().equals(l.router())) {
                try {
                    kernel.routes().remove(r);
                    stats.count("route.flushed");
                } catch (KernelException e) {
                    // Gone already.
                }
            }
        }
    }

    /**
     * Away from home, only the prefixes the current router advertises are on-link (RFC 4861 §5.2, §6.3.4: the Prefix
     * List decides what is reached without a router). The kernel keeps a prefix route it learned from a Router
     * Advertisement until its valid lifetime ends, also after the addresses in it are gone and the node has moved
     * (hours with the home link's lifetimes). A stale route for the home prefix makes the home agent look on-link: the
     * Binding Update waits for a neighbour that is not there and is never sent (§11.5.1: after a move the old link's
     * information must not be used). So, on a visited link, the home prefix is off-link everywhere, and every other
     * prefix on this link's interface that its router does not advertise goes too.
     */
    private void forgetPrefixesOfOtherLinks(Location l) {
        List<Ipv6Prefix> advertised = detector.onLinkPrefixes(l.ifindex());
        Ipv6Prefix homePrefix = homeAddressPrefix.network();
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            Ipv6Prefix d = r.destination();
            if (r.gateway() != null || r.protocol() == KernelMarks.PROTOCOL || r.type() != RouteType.UNICAST
                    || r.source() != null || d.length() == 0 || d.address().isLinkLocal()) {
                continue;
            }
            boolean home = d.equals(homePrefix);
            boolean elsewhere = r.ifindex() == l.ifindex() && d.length() < 128 && !advertised.contains(d);
            if (home || elsewhere) {
                try {
                    kernel.routes().remove(r);
                    stats.count("prefix.flushed");
                } catch (KernelException e) {
                    // Gone already.
                }
            }
        }
    }

    /**
     * The link went: the kernel keeps, across a carrier change, the addresses it formed there and the default routes
     * it learned from its routers. Left in place, a stale default route sends the next Binding Update to a router
     * that is no longer there until neighbour unreachability detection gives up (§11.5.1).
     */
    private void forgetLink(int ifindex) {
        Address reattached = reattachmentAddresses.remove(ifindex);
        if (reattached != null) {
            remove(reattached);
            stats.count("address.flushed");
        }
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            if (r.ifindex() == ifindex && r.protocol() == RTPROT_RA) {
                try {
                    kernel.routes().remove(r);
                    stats.count("route.flushed");
                } catch (KernelException e) {
                    // Gone already.
                }
            }
        }
        for (Address a : kernel.addresses().list()) {
            Ipv6Address addr = a.prefix().address();
            if (a.ifindex() == ifindex && !addr.isLinkLocal() && !addr.equals(homeAddress)
                    && a.protocol() != KernelMarks.PROTOCOL) {
                remove(a);
                stats.count("address.flushed");
            }
        }
    }

    // Sending.

    private void send(BindingUpdate bu) {
        if (bu == null) {
            return;
        }
        Ipv6Address careOf = registration.careOf();
        byte[] m = new byte[codec.encodedLength(bu)];
        codec.encodeUnchecksummed(bu, m, 0);
        boolean home = careOf.equals(homeAddress);
        // §11.7.1: from the care-of address with the home address in a Home Address option; at home, plainly.
        SignallingPacket p = new SignallingPacket(SignallingPacket.MOBILITY_HEADER, location.ifindex(),
                careOf, registration.homeAgent(), home ? null : homeAddress, null, 64, m);
        try {
            signalling.send(p);
            stats.count("bu.sent");
        } catch (SignallingException e) {
            stats.count("bu.send_error");
            log.warn("Binding Update to {} not sent: {}", registration.homeAgent(), e.getMessage());
        }
        publish();
    }

    /**
     * RFC 4861 §6.3.7: a Router Solicitation on a link-up, from the link-local address with the Source Link-Layer
     * Address option where the interface has one, so the router can answer at once ({@link RouterDiscovery}).
     */
    private void solicitRouters(Link link, List<Address> addresses) {
        RouterDiscovery.Solicitation s = RouterDiscovery.solicitation(link.index(), addresses, link.addressBytes());
        RouterSolicitation rs = new RouterSolicitation(s.options());
        if (s.source().isUnspecified()) {
            stats.count("rs.no_link_local");
        }
        sendIcmp(link.index(), s.source(), ALL_ROUTERS, 255, Icmpv6Codec.encode(rs, s.source(), ALL_ROUTERS),
                "rs.sent");
    }

    /** §11.5.5: a Neighbor Advertisement with Override so the home link forgets the home agent's proxy entry. */
    private void advertiseHomeAddress() {
        Link home = kernel.links().get(homeLinkName).orElse(null);
        if (home == null) {
            return;
        }
        byte[] lla = home.addressBytes();
        NeighborAdvertisement na = new NeighborAdvertisement(NeighborAdvertisement.OVERRIDE, homeAddress,
                lla.length == 0 ? List.of() : List.of(LinkLayerAddressOption.target(lla)));
        sendIcmp(home.index(), homeAddress, ALL_NODES, 255, Icmpv6Codec.encode(na, homeAddress, ALL_NODES),
                "na.sent");
    }

    /** §11.4.1: ask the home-agents anycast address of the home prefix, from the care-of address. */
    private void startDhaad() {
        if (dhaadIdentifier >= 0) {
            return;
        }
        dhaadIdentifier = ThreadLocalRandom.current().nextInt(0x10000);
        dhaadTries = 0;
        dhaadNextAt = 0;
        sendDhaadRequest(System.currentTimeMillis());
    }

    private void sendDhaadRequest(long now) {
        if (!location.away()) {
            return;
        }
        if (dhaadTries > DHAAD_RETRIES) {
            stateLine = "away, no home agent answered discovery";
            dhaadIdentifier = -1;
            return;
        }
        Ipv6Address anycast = Ipv6Address.of(homeAddressPrefix.network().address().high(), 0xfdff_ffff_ffff_fffeL);
        HomeAgentAddressDiscoveryRequest request = new HomeAgentAddressDiscoveryRequest(dhaadIdentifier);
        sendIcmp(location.ifindex(), location.careOf(), anycast, 64,
                Icmpv6Codec.encode(request, location.careOf(), anycast), "dhaad.request.sent");
        dhaadNextAt = now + (INITIAL_DHAAD_TIMEOUT << dhaadTries);
        dhaadTries++;
    }

    private void homeAgentsDiscovered(HomeAgentAddressDiscoveryReply reply) {
        if (reply.identifier() != dhaadIdentifier || reply.homeAgentAddresses().isEmpty()) {
            stats.count("dhaad.reply.ignored");
            return;
        }
        stats.count("dhaad.reply.received");
        dhaadIdentifier = -1;
        Ipv6Address ha = reply.homeAgentAddresses().get(0);
        log.info("home agent {} found by discovery", ha);
        registration = newRegistration(ha);
        if (location.away()) {
            movedAway(location);
        }
    }

    private void sendIcmp(int ifindex, Ipv6Address source, Ipv6Address destination, int hopLimit, byte[] message,
            String counter) {
        try {
            signalling.send(new SignallingPacket(SignallingPacket.ICMPV6, ifindex, source, destination, null, null,
                    hopLimit, message));
            stats.count(counter);
        } catch (SignallingException e) {
            stats.count("icmp.send_error");
            log.debug("ICMPv6 to {} not sent: {}", destination, e.getMessage());
        }
    }

    private void publish() {
        bul = registration == null || registration.state() == null ? List.of() : List.of(registration.entry());
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
            closeTunnel();
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
        m.put("home_address", homeAddressPrefix.toString());
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
