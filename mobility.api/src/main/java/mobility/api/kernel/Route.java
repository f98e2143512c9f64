package mobility.api.kernel;

import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * An IPv6 route. Start with {@link #to(Ipv6Prefix)} and refine: {@code Route.to(p).table(t).via(gw).dev(ifindex)}.
 *
 * @param destination     the destination prefix
 * @param source          the source prefix (a subtree route, RTA_SRC), {@code null} for any source
 * @param table           the routing table (254 is main)
 * @param type            unicast, local, blackhole...
 * @param gateway         the next hop, {@code null} for on-link
 * @param ifindex         the outgoing interface, 0 for none
 * @param metric          the route priority (RTA_PRIORITY), 0 for the kernel's default
 * @param protocol        who installed it (RTPROT_*); routes the platform adds get {@link KernelMarks#PROTOCOL}
 * @param encap           an encapsulation, {@code null} for none
 * @param mtu             RTAX_MTU, 0 for none
 * @param hopLimit        RTAX_HOPLIMIT, 0 for none
 * @param preferredSource RTA_PREFSRC, {@code null} for none
 */
public record Route(Ipv6Prefix destination, Ipv6Prefix source, int table, RouteType type, Ipv6Address gateway,
        int ifindex, int metric, int protocol, RouteEncap encap, int mtu, int hopLimit, Ipv6Address preferredSource) {

    public static final int MAIN_TABLE = 254;
    public static final int LOCAL_TABLE = 255;

    public Route {
        if (destination == null) {
            throw new IllegalArgumentException("a route needs a destination");
        }
        if (table <= 0) {
            throw new IllegalArgumentException("a route table is 1..2^32-1, not " + table);
        }
    }

    /** A unicast route to {@code destination} in the main table, marked as the platform's. */
    public static Route to(Ipv6Prefix destination) {
        return new Route(destination, null, MAIN_TABLE, RouteType.UNICAST, null, 0, 0, KernelMarks.PROTOCOL, null, 0,
                0, null);
    }

    public Route from(Ipv6Prefix sourcePrefix) {
        return new Route(destination, sourcePrefix, table, type, gateway, ifindex, metric, protocol, encap, mtu,
                hopLimit, preferredSource);
    }

    public Route table(int routeTable) {
        return new Route(destination, source, routeTable, type, gateway, ifindex, metric, protocol, encap, mtu,
                hopLimit, preferredSource);
    }

    public Route type(RouteType routeType) {
        return new Route(destination, source, table, routeType, gateway, ifindex, metric, protocol, encap, mtu,
                hopLimit, preferredSource);
    }

    public Route via(Ipv6Address nextHop) {
        return new Route(destination, source, table, type, nextHop, ifindex, metric, protocol, encap, mtu, hopLimit,
                preferredSource);
    }

    public Route dev(int outgoingIfindex) {
        return new Route(destination, source, table, type, gateway, outgoingIfindex, metric, protocol, encap, mtu,
                hopLimit, preferredSource);
    }

    public Route metric(int priority) {
        return new Route(destination, source, table, type, gateway, ifindex, priority, protocol, encap, mtu, hopLimit,
                preferredSource);
    }

    public Route encap(RouteEncap encapsulation) {
        return new Route(destination, source, table, type, gateway, ifindex, metric, protocol, encapsulation, mtu,
                hopLimit, preferredSource);
    }

    public Route mtu(int bytes) {
        return new Route(destination, source, table, type, gateway, ifindex, metric, protocol, encap, bytes, hopLimit,
                preferredSource);
    }

    public Route hopLimit(int hops) {
        return new Route(destination, source, table, type, gateway, ifindex, metric, protocol, encap, mtu, hops,
                preferredSource);
    }

    public Route preferredSource(Ipv6Address address) {
        return new Route(destination, source, table, type, gateway, ifindex, metric, protocol, encap, mtu, hopLimit,
                address);
    }

    public boolean isDefault() {
        return destination.length() == 0 && (source == null || source.length() == 0);
    }

    /**
     * The record's own equality, written out: the generated one is an invokedynamic call site whose first call
     * builds a method-handle tree (JDK 17: about twenty hidden classes for twelve components), and that first call
     * came with a home agent's first binding update, adding 10-30 ms to its acknowledgement under load.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && table == r.table && ifindex == r.ifindex && metric == r.metric
                && protocol == r.protocol && mtu == r.mtu && hopLimit == r.hopLimit && type == r.type
                && destination.equals(r.destination) && Objects.equals(source, r.source)
                && Objects.equals(gateway, r.gateway) && Objects.equals(encap, r.encap)
                && Objects.equals(preferredSource, r.preferredSource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, source, table, type, gateway, ifindex, metric, protocol, encap, mtu, hopLimit,
                preferredSource);
    }
}
