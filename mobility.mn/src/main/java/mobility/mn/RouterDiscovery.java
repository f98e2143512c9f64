package mobility.mn;

import java.util.Collection;
import java.util.List;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.Link;
import mobility.api.net.Ipv6Address;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.RouterSolicitation;

/**
 * The host's side of router discovery (RFC 4861 §6.3.7) on a link-up: which address the Router Solicitation comes
 * from and whether it carries the Source Link-Layer Address option.
 *
 * <p>Why it matters for a handover: RFC 4861 §4.1 asks for an address of the interface as the source whenever there
 * is one, and the unspecified address only when there is none. A router cannot unicast its answer to the unspecified
 * address; it answers with a multicast advertisement, which §6.2.6 delays by up to MAX_RA_DELAY_TIME (500 ms) and
 * rate-limits to one per MIN_DELAY_BETWEEN_RAS. radvd goes further: a solicitation from the unspecified address that
 * arrives within MinDelayBetweenRAs of its last advertisement pushes its next one, periodic or not, out by that
 * remainder plus a random 0-500 ms, so on a link with advertisements every 50-100 ms the solicitation made the node
 * wait up to 550 ms instead of at most 100. From the link-local address with the option the router may answer at once
 * with a unicast advertisement (RFC 7772 §5.1; radvd's AdvRASolicitedUnicast, on by default), and it learns the node's
 * link-layer address from the option, so that answer needs no Neighbor Solicitation first (RFC 4861 §6.2.6).
 */
final class RouterDiscovery {

    /** A Router Solicitation's source address and options. */
    record Solicitation(Ipv6Address source, List<NdOption> options) {
    }

    private static final Ipv6Address ALL_ROUTERS = Ipv6Address.parse("ff02::2");

    private RouterDiscovery() {
    }

    /**
     * The solicitation to send on {@code ifindex}, given its addresses and its link-layer address (empty on a link
     * without one): from a link-local address that may be used, with the option (RFC 4861 §4.1); from an optimistic
     * one without the option, as RFC 4429 §3.2 asks (the router would otherwise overwrite its neighbour entry for an
     * address that may still turn out to be a duplicate); from the unspecified address, without the option, when the
     * interface has no usable link-local address yet.
     */
    static Solicitation solicitation(int ifindex, Collection<Address> addresses, byte[] linkLayerAddress) {
        Address source = usableLinkLocal(ifindex, addresses);
        if (source == null) {
            return new Solicitation(Ipv6Address.UNSPECIFIED, List.of());
        }
        boolean withOption = !source.has(AddressFlag.OPTIMISTIC) && linkLayerAddress.length > 0;
        return new Solicitation(source.prefix().address(),
                withOption ? List.of(LinkLayerAddressOption.source(linkLayerAddress)) : List.of());
    }

    /**
     * RFC 4861 §6.3.7: a Router Solicitation on a link-up, from the link-local address with the Source Link-Layer
     * Address option where the interface has one, so the router can answer at once ({@link #solicitation}).
     */
    static void solicit(Link link, Collection<Address> addresses, SignallingSender out, Counters stats) {
        Solicitation s = solicitation(link.index(), addresses, link.addressBytes());
        if (s.source().isUnspecified()) {
            stats.count("rs.no_link_local");
        }
        out.icmp(new RouterSolicitation(s.options()), link.index(), s.source(), ALL_ROUTERS, null, 255, "rs.sent");
    }

    /**
     * A link-local address of {@code ifindex} that may be the source of Neighbor Discovery messages: one whose DAD is
     * over and did not fail, or else an optimistic one (RFC 4429 §3.1); null when there is neither.
     */
    static Address usableLinkLocal(int ifindex, Collection<Address> addresses) {
        Address optimistic = null;
        for (Address a : addresses) {
            if (a.ifindex() != ifindex || !a.prefix().address().isLinkLocal() || a.dadFailed()) {
                continue;
            }
            if (!a.isTentative()) {
                return a;
            }
            if (a.has(AddressFlag.OPTIMISTIC) && optimistic == null) {
                optimistic = a;
            }
        }
        return optimistic;
    }
}
