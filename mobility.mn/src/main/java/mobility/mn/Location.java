package mobility.mn;

import mobility.api.net.Ipv6Address;

/**
 * Where the mobile node is (RFC 6275 §11.5): on its home link, on a visited link with a care-of address, or without
 * any usable link.
 *
 * @param kind which of the three
 * @param interfaceName the interface in use, null when detached
 * @param ifindex its index, 0 when detached
 * @param careOf the care-of address on a visited link, null otherwise
 * @param router the default router on that link
 */
record Location(Kind kind, String interfaceName, int ifindex, Ipv6Address careOf, Ipv6Address router) {

    enum Kind { AT_HOME, AWAY, DETACHED }

    static final Location DETACHED = new Location(Kind.DETACHED, null, 0, null, null);

    boolean away() {
        return kind == Kind.AWAY;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AT_HOME -> "home (" + interfaceName + ")";
            case AWAY -> "away on " + interfaceName + " with care-of address " + careOf;
            case DETACHED -> "detached";
        };
    }
}
