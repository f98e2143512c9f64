package mobility.mn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * Movement detection (RFC 6275 §11.5.1): which links are up, which default router each has (from Router
 * Advertisements, forgotten when its lifetime ends or when it misses its advertised interval, §7.3), which global
 * addresses the kernel formed on each; from these, where the node is. The home link is recognised by its prefix
 * (§11.5.4). Interfaces are tried in order of configured preference. Confined to one thread; time is passed in.
 */
final class MovementDetector {

    /** §7.3: a router is taken as lost after missing this many advertised intervals. */
    static final int MISSED_INTERVALS = 3;

    private record Router(Ipv6Address address, List<Ipv6Prefix> prefixes, long expiresAt) {
    }

    private record Candidate(Ipv6Address address, boolean usable) {
    }

    private final Ipv6Prefix homePrefix;
    private final Ipv6Address homeAddress;
    private final Map<String, Integer> preferences;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Boolean> up = new HashMap<>();
    private final Map<Integer, Router> routers = new HashMap<>();
    private final Map<Integer, Map<Ipv6Address, Candidate>> addresses = new HashMap<>();

    /**
     * @param preferences interface name to preference (higher first); empty: every interface, equal preference
     */
    MovementDetector(Ipv6Address homeAddress, Ipv6Prefix homePrefix, Map<String, Integer> preferences) {
        this.homeAddress = homeAddress;
        this.homePrefix = homePrefix.network();
        this.preferences = Map.copyOf(preferences);
    }

    /** A link came up or went down; down forgets its router (§11.5.1: a link-layer trigger). */
    void link(int ifindex, String name, boolean isUp) {
        if (!preferences.isEmpty() && !preferences.containsKey(name)) {
            return;
        }
        names.put(ifindex, name);
        up.put(ifindex, isUp);
        if (!isUp) {
            routers.remove(ifindex);
        }
    }

    /** A global address appeared, changed or went; {@code usable} when neither tentative nor failed DAD. */
    void address(int ifindex, Ipv6Address address, boolean usable, boolean present) {
        if (address.isLinkLocal() || address.isMulticast() || address.equals(homeAddress)) {
            return;
        }
        Map<Ipv6Address, Candidate> onLink = addresses.computeIfAbsent(ifindex, k -> new HashMap<>());
        if (present) {
            onLink.put(address, new Candidate(address, usable));
        } else {
            onLink.remove(address);
        }
    }

    /**
     * A Router Advertisement (§11.5.1). {@code intervalMillis} is the Advertisement Interval option's value (§7.3),
     * 0 when absent; a router lifetime of 0 means the router is no default router any more.
     */
    void routerAdvertisement(int ifindex, Ipv6Address router, int routerLifetimeSeconds, List<Ipv6Prefix> prefixes,
            long intervalMillis, long now) {
        if (!names.containsKey(ifindex)) {
            return;
        }
        if (routerLifetimeSeconds == 0) {
            routers.remove(ifindex);
            return;
        }
        long until = now + routerLifetimeSeconds * 1000L;
        if (intervalMillis > 0) {
            until = Math.min(until, now + MISSED_INTERVALS * intervalMillis);
        }
        List<Ipv6Prefix> onLink = prefixes.stream().map(Ipv6Prefix::network).toList();
        routers.put(ifindex, new Router(router, onLink, until));
    }

    /** Forgets routers whose time is up; true when one was forgotten. */
    boolean expire(long now) {
        return routers.values().removeIf(r -> r.expiresAt() <= now);
    }

    /** The earliest time a router will be forgotten, for the caller's timer; Long.MAX_VALUE for none. */
    long nextExpiry() {
        return routers.values().stream().mapToLong(Router::expiresAt).min().orElse(Long.MAX_VALUE);
    }

    /** The on-link prefixes the link's current default router advertises; empty when it has none. */
    List<Ipv6Prefix> onLinkPrefixes(int ifindex) {
        Router r = routers.get(ifindex);
        return r == null ? List.of() : r.prefixes();
    }

    /** Where the node is, from what is known now. */
    Location locate() {
        List<Integer> candidates = new ArrayList<>();
        for (Map.Entry<Integer, Boolean> e : up.entrySet()) {
            if (e.getValue() && routers.containsKey(e.getKey())) {
                candidates.add(e.getKey());
            }
        }
        candidates.sort(Comparator.comparingInt((Integer i) -> preferences.getOrDefault(names.get(i), 0)).reversed()
                .thenComparing(i -> i));
        for (int ifindex : candidates) {
            Router r = routers.get(ifindex);
            // §11.5.4: the home link is the one advertising the home prefix.
            if (r.prefixes().contains(homePrefix)) {
                return new Location(Location.Kind.AT_HOME, names.get(ifindex), ifindex, null, r.address());
            }
            Ipv6Address careOf = careOfOn(ifindex, r);
            if (careOf != null) {
                return new Location(Location.Kind.AWAY, names.get(ifindex), ifindex, careOf, r.address());
            }
        }
        return Location.DETACHED;
    }

    /** A usable global address of the link, in one of the router's prefixes if there is one; never in the home prefix. */
    private Ipv6Address careOfOn(int ifindex, Router r) {
        Ipv6Address fallback = null;
        for (Candidate c : addresses.getOrDefault(ifindex, Map.of()).values()) {
            if (!c.usable() || homePrefix.contains(c.address())) {
                continue;
            }
            if (r.prefixes().stream().anyMatch(p -> p.contains(c.address()))) {
                return c.address();
            }
            if (fallback == null || c.address().compareTo(fallback) < 0) {
                fallback = c.address();
            }
        }
        return fallback;
    }
}
