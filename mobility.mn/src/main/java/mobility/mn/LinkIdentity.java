package mobility.mn;

import mobility.api.net.Ipv6Address;

/**
 * Which link a router stands for (RFC 6059 §2.3, §5.2): the pair of its link-local address and its link-layer
 * address, as learned from a Router Advertisement's Source Link-Layer Address option. Link-local addresses repeat
 * across links (fe80::1 is common), the pair is what tells two links apart.
 *
 * @param router the router's link-local address
 * @param linkLayerAddress its link-layer address, colon-separated hex
 */
record LinkIdentity(Ipv6Address router, String linkLayerAddress) {

    LinkIdentity {
        if (!router.isLinkLocal()) {
            throw new IllegalArgumentException("a link is identified by its router's link-local address, not " + router);
        }
        if (linkLayerAddress == null || linkLayerAddress.isEmpty()) {
            throw new IllegalArgumentException("a link identity needs the router's link-layer address");
        }
    }
}
