package mobility.mn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.log.Logger;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.NeighbourState;
import mobility.api.kernel.Route;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.NeighborSolicitation;

/**
 * Detecting Network Attachment (RFC 6059) in the kernel: on a link-up, unicast probes to the routers of the links
 * {@link NetworkAttachment} remembers (§5.2.4); on a probed router's answer (§5.2.5), the care-of address and the
 * default route of that link put back (§5.5) and the router counted as heard by the {@link MovementDetector}, so the
 * node moves without waiting for a Router Advertisement. What it put back it takes away again when the link goes.
 * Confined to one thread.
 */
final class Reattachment {

    /**
     * The default route put back on a return to a known link (RFC 6059 §5.5) sits just behind the one the kernel
     * learns from the router's next advertisement (1024), so the two never collide.
     */
    static final int REATTACHMENT_ROUTE_METRIC = 1025;

    private final KernelDriver kernel;
    private final NetworkAttachment attachment;
    private final MovementDetector detector;
    private final SignallingSender out;
    private final Counters stats;
    private final Logger log;
    /** The default route and care-of address put back on each interface's return to a known link, until it goes. */
    private final Map<Integer, Route> reattachmentRoutes = new HashMap<>();
    private final Map<Integer, Address> reattachmentAddresses = new HashMap<>();

    Reattachment(KernelDriver kernel, NetworkAttachment attachment, MovementDetector detector, SignallingSender out,
            Counters stats, Logger log) {
        this.kernel = kernel;
        this.attachment = attachment;
        this.detector = detector;
        this.out = out;
        this.stats = stats;
        this.log = log;
    }

    /**
     * RFC 6059 §5.2.4: alongside the Router Solicitation, a unicast Neighbor Solicitation to each remembered router,
     * from the link-local address, to the router's link-layer address (a neighbour entry with the remembered address,
     * so the kernel sends it there without resolving it first): only that router can answer.
     */
    void probeKnownRouters(Link link, List<Address> addresses, long now) {
        List<NetworkAttachment.KnownLink> probes = attachment.linkUp(link.index(), now);
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
            out.icmp(ns, link.index(), source, router, null, 255, "dna.ns.sent");
        }
    }

    /**
     * RFC 6059 §5.2.5: a solicited advertisement of a probed router for itself says which known link this is.
     *
     * @return true when the node is back on a known link (its router now counts as heard: the caller re-locates)
     */
    boolean neighborAdvertised(SignallingPacket p, NeighborAdvertisement na, long now) {
        if (!na.solicited() || !na.target().equals(p.source()) || !p.source().isLinkLocal()) {
            return false;
        }
        NetworkAttachment.KnownLink known = attachment.confirmed(p.interfaceIndex(), p.source(), now);
        return known != null && reattach(p.interfaceIndex(), known, now);
    }

    /**
     * RFC 6059 §5.5: back on a known link, its router, prefixes and care-of address are valid again without waiting
     * for an advertisement. The care-of address comes back (flushed when the carrier went) as an optimistic address
     * (RFC 4429 §3: usable while DAD runs, where the kernel does DAD) with what is left of its lifetimes, the default
     * route through the router comes back, and the router counts as heard: the address's kernel event then moves the
     * node, and the router's next advertisement refreshes all of it.
     */
    private boolean reattach(int ifindex, NetworkAttachment.KnownLink k, long now) {
        stats.count("dna.confirmed");
        Ipv6Address router = k.identity().router();
        try {
            NetworkAttachment.AdvertisedPrefix p = k.careOfPrefix();
            if (p != null) {
                long valid = Math.min(Address.FOREVER, k.remaining(p.validSeconds(), now));
                long preferred = Math.min(valid, k.remaining(p.preferredSeconds(), now));
                Address careOf = Address.of(ifindex, new Ipv6Prefix(k.careOf(), p.prefix().length()))
                        .withFlags(AddressFlag.OPTIMISTIC).withLifetimes(valid, preferred);
                if (KernelEdits.ensure(kernel, careOf)) {
                    reattachmentAddresses.put(ifindex, careOf);
                }
            }
            Route route = Route.to(Ipv6Prefix.DEFAULT).via(router).dev(ifindex).metric(REATTACHMENT_ROUTE_METRIC);
            kernel.routes().replace(route);
            reattachmentRoutes.put(ifindex, route);
        } catch (KernelException e) {
            stats.count("dna.reattach_failed");
            log.warn("back on the link of {}, but its addresses could not be put back: {}", router, e.getMessage());
            return false;
        }
        detector.routerAdvertisement(ifindex, router, k.routerLifetimeSeconds(), k.onLinkPrefixes(),
                k.intervalMillis(), now);
        return true;
    }

    /** The link of {@code ifindex} went down: its probes mean nothing now, and the route put back goes. */
    void linkDown(int ifindex) {
        attachment.linkDown(ifindex);
        removeRoute(ifindex);
    }

    /** {@code router} is the default router of {@code ifindex} now: a route put back through another one goes. */
    void routerIs(int ifindex, Ipv6Address router) {
        Route ours = reattachmentRoutes.get(ifindex);
        if (ours != null && !ours.gateway().equals(router)) {
            removeRoute(ifindex);
        }
    }

    /** The care-of address put back on {@code ifindex}, if any, goes from the kernel (counted as flushed). */
    void forgetAddress(int ifindex) {
        Address reattached = reattachmentAddresses.remove(ifindex);
        if (reattached != null) {
            KernelEdits.remove(kernel, reattached);
            stats.count("address.flushed");
        }
    }

    private void removeRoute(int ifindex) {
        Route r = reattachmentRoutes.remove(ifindex);
        if (r != null) {
            // Gone with the link already, if it is not there.
            KernelEdits.remove(kernel, r);
        }
    }
}
