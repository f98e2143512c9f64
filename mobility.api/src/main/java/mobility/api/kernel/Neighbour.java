package mobility.api.kernel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import mobility.api.net.Ipv6Address;

/**
 * A neighbour cache entry, or a proxy entry (NTF_PROXY) for which this node answers neighbour solicitations, as a
 * home agent does for its mobile nodes' home addresses (RFC 6275 §10.4.1).
 *
 * @param ifindex    the interface
 * @param address    the neighbour's IPv6 address
 * @param lladdr     the link-layer address as colon-separated hex, empty when none (always for proxies)
 * @param states     NUD states; empty for proxy entries
 * @param proxy      a proxy entry
 * @param router     the neighbour is a router (NTF_ROUTER)
 * @param protocol   who installed it (NDA_PROTOCOL); the platform's entries get {@link KernelMarks#PROTOCOL}
 */
public record Neighbour(int ifindex, Ipv6Address address, String lladdr, Set<NeighbourState> states, boolean proxy,
        boolean router, int protocol) {

    public Neighbour {
        EnumSet<NeighbourState> copy = EnumSet.noneOf(NeighbourState.class);
        copy.addAll(states);
        states = Collections.unmodifiableSet(copy);
        lladdr = lladdr == null ? "" : lladdr;
    }

    /** A permanent entry, marked as the platform's. */
    public static Neighbour permanent(int ifindex, Ipv6Address address, String lladdr) {
        return new Neighbour(ifindex, address, lladdr, Set.of(NeighbourState.PERMANENT), false, false,
                KernelMarks.PROTOCOL);
    }

    /** A proxy entry, marked as the platform's. */
    public static Neighbour proxy(int ifindex, Ipv6Address address) {
        return new Neighbour(ifindex, address, "", Set.of(), true, false, KernelMarks.PROTOCOL);
    }
}
