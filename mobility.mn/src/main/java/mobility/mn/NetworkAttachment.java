package mobility.mn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * Detecting Network Attachment (RFC 6059, "simple DNA"): what the node remembers of the links it visited, so that on
 * a link-up it can ask whether it is back on one of them instead of waiting for a Router Advertisement, which a
 * router may delay by up to MAX_RA_DELAY_TIME (500 ms, RFC 4861 §6.2.6) after a Router Solicitation.
 *
 * <p>Each visited link is kept under its {@link LinkIdentity} with the on-link prefixes its router advertised, their
 * valid and preferred lifetimes, the router's lifetime and advertisement interval, and the care-of address the node
 * used there (§5.1, the "link identification" information). On a link-up the node sends a unicast Neighbor
 * Solicitation to each remembered router alongside its Router Solicitation (§5.2.4); a solicited Neighbor
 * Advertisement from one of them, answering a solicitation that only that link-layer address received, tells the
 * node it is back on that link (§5.2.5): the remembered addresses and router are valid again (§5.5). Confined to one
 * thread; time is passed in.
 */
final class NetworkAttachment {

    /** How many visited links are remembered, least recently seen forgotten first. */
    static final int REMEMBERED_LINKS = 8;
    /** How many remembered routers are probed on one link-up (RFC 6059 §5.2.4 leaves the number to the host). */
    static final int PROBES = 4;

    /** A prefix as advertised, with its lifetimes counted from {@code learnedAt}. */
    record AdvertisedPrefix(Ipv6Prefix prefix, long validSeconds, long preferredSeconds) {
    }

    /** What the node knows of one visited link. */
    record KnownLink(LinkIdentity identity, List<AdvertisedPrefix> prefixes, int routerLifetimeSeconds,
            long intervalMillis, Ipv6Address careOf, long learnedAt) {

        KnownLink withCareOf(Ipv6Address address) {
            return new KnownLink(identity, prefixes, routerLifetimeSeconds, intervalMillis, address, learnedAt);
        }

        /** The advertised prefix holding the care-of address, null when there is none or its address is unknown. */
        AdvertisedPrefix careOfPrefix() {
            if (careOf == null) {
                return null;
            }
            for (AdvertisedPrefix p : prefixes) {
                if (p.prefix().contains(careOf)) {
                    return p;
                }
            }
            return null;
        }

        /** Seconds left of a lifetime learned at {@link #learnedAt}; 0 once over. */
        long remaining(long lifetimeSeconds, long now) {
            if (lifetimeSeconds == 0xffff_ffffL) {
                return lifetimeSeconds;
            }
            return Math.max(0, lifetimeSeconds - (now - learnedAt) / 1000);
        }

        List<Ipv6Prefix> onLinkPrefixes() {
            return prefixes.stream().map(AdvertisedPrefix::prefix).toList();
        }
    }

    private final Ipv6Prefix homePrefix;
    /** Access order: the least recently seen link comes first and is the first forgotten. */
    private final Map<LinkIdentity, KnownLink> links = new LinkedHashMap<>(16, 0.75f, true);
    /** The routers probed since each interface's last link-up, by interface. */
    private final Map<Integer, List<LinkIdentity>> probing = new LinkedHashMap<>();

    /** @param homePrefix the home link is worth probing without a care-of address (RFC 6275 §11.5.4) */
    NetworkAttachment(Ipv6Prefix homePrefix) {
        this.homePrefix = homePrefix.network();
    }

    /** A Router Advertisement with a Source Link-Layer Address option: remember (or refresh) its link. */
    void advertised(LinkIdentity identity, List<AdvertisedPrefix> prefixes, int routerLifetimeSeconds,
            long intervalMillis, long now) {
        if (routerLifetimeSeconds == 0 || prefixes.isEmpty()) {
            // Not a default router, or nothing to configure from it: nothing to reuse on a return.
            return;
        }
        KnownLink before = links.get(identity);
        Ipv6Address careOf = before == null ? null : before.careOf();
        List<AdvertisedPrefix> networks = prefixes.stream()
                .map(p -> new AdvertisedPrefix(p.prefix().network(), p.validSeconds(), p.preferredSeconds())).toList();
        KnownLink link = new KnownLink(identity, networks, routerLifetimeSeconds, intervalMillis, careOf, now);
        if (careOf != null && link.careOfPrefix() == null) {
            link = link.withCareOf(null);
        }
        links.put(identity, link);
        while (links.size() > REMEMBERED_LINKS) {
            Iterator<LinkIdentity> oldest = links.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The node uses {@code careOf} on the link its router {@code router} stands for. */
    void usingCareOf(Ipv6Address router, Ipv6Address careOf) {
        for (Map.Entry<LinkIdentity, KnownLink> e : links.entrySet()) {
            if (e.getKey().router().equals(router) && e.getValue().prefixes().stream()
                    .anyMatch(p -> p.prefix().contains(careOf))) {
                e.setValue(e.getValue().withCareOf(careOf));
            }
        }
    }

    /**
     * The link of {@code ifindex} came up: the remembered routers to probe with a unicast Neighbor Solicitation, most
     * recently seen first, at most {@value #PROBES}; only the home link and links whose care-of address is still valid are worth it.
     */
    List<KnownLink> linkUp(int ifindex, long now) {
        List<KnownLink> worth = new ArrayList<>();
        for (KnownLink l : links.values()) {
            if (usable(l, now)) {
                worth.add(0, l);
            }
        }
        List<KnownLink> probed = worth.subList(0, Math.min(PROBES, worth.size()));
        probing.put(ifindex, probed.stream().map(KnownLink::identity).toList());
        return List.copyOf(probed);
    }

    /** The link of {@code ifindex} went down: answers to its probes no longer mean anything. */
    void linkDown(int ifindex) {
        probing.remove(ifindex);
    }

    /**
     * A solicited Neighbor Advertisement from {@code source} for itself on {@code ifindex} (RFC 6059 §5.2.5): the link
     * the node is back on when it answers one of this link-up's probes, otherwise null. Two probed links whose routers
     * share the link-local address cannot be told apart by the answer (it need not carry the link-layer address): the
     * node then waits for a Router Advertisement. A link is confirmed once per link-up.
     */
    KnownLink confirmed(int ifindex, Ipv6Address source, long now) {
        List<LinkIdentity> matching = probing.getOrDefault(ifindex, List.of()).stream()
                .filter(id -> id.router().equals(source)).toList();
        if (matching.isEmpty()) {
            return null;
        }
        probing.remove(ifindex);
        KnownLink l = matching.size() == 1 ? links.get(matching.get(0)) : null;
        return l != null && usable(l, now) ? l : null;
    }

    /** Whether the link is home, or a visited link whose router and care-of address are still valid. */
    private boolean usable(KnownLink l, long now) {
        if (l.remaining(l.routerLifetimeSeconds(), now) == 0) {
            return false;
        }
        if (l.onLinkPrefixes().contains(homePrefix)) {
            return true;
        }
        AdvertisedPrefix p = l.careOfPrefix();
        return p != null && l.remaining(p.validSeconds(), now) > 0;
    }
}
