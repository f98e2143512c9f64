package mobility.mn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.NeighbourState;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NeighborAdvertisement;

/**
 * Where the home address lives (RFC 6275 §11.5) and what the home link needs to hear when the node comes back to it
 * (§11.5.5): the home address on the home link interface at home, on the loopback interface away; on returning, the
 * home agent's link-layer address from its Router Advertisement, so the deregistration goes without a solicitation,
 * and a Neighbor Advertisement for the home address once the home agent let go of it. Confined to one thread.
 */
final class HomeAddressPlacement {

    private static final Ipv6Address ALL_NODES = Ipv6Address.parse("ff02::1");

    private final KernelDriver kernel;
    private final Ipv6Prefix homeAddressPrefix;
    private final Ipv6Address homeAddress;
    private final String homeLinkName;
    private final SignallingSender out;
    private final Counters stats;
    /** Routers' global addresses (Prefix Information with R, RFC 6275 §7.2) and the link-layer addresses they gave. */
    private final Map<Ipv6Address, LinkIdentity> routerLinkLayers = new HashMap<>();

    HomeAddressPlacement(KernelDriver kernel, Ipv6Prefix homeAddressPrefix, String homeLinkName, SignallingSender out,
            Counters stats) {
        this.kernel = kernel;
        this.homeAddressPrefix = homeAddressPrefix;
        this.homeAddress = homeAddressPrefix.address();
        this.homeLinkName = homeLinkName;
        this.out = out;
        this.stats = stats;
    }

    /** A Router Advertisement named {@code routerAddress} as its router's global address (§7.2) and gave its link. */
    void routerAddress(Ipv6Address routerAddress, LinkIdentity link) {
        routerLinkLayers.put(routerAddress, link);
    }

    /**
     * The home address stays on the node wherever it is (§11.5): on the home link interface with its prefix when at
     * home, on the loopback interface as a /128 marked as a home address when away.
     */
    void place(boolean atHome) {
        Link home = kernel.links().get(homeLinkName).orElse(null);
        Link lo = kernel.links().get("lo").orElseThrow();
        Address onHomeLink = home == null ? null
                : Address.of(home.index(), homeAddressPrefix).withFlags(AddressFlag.NODAD);
        Address onLoopback = Address.of(lo.index(), Ipv6Prefix.host(homeAddress))
                .withFlags(AddressFlag.HOME_ADDRESS, AddressFlag.NODAD);
        if (atHome) {
            KernelEdits.ensure(kernel, onHomeLink);
            KernelEdits.remove(kernel, onLoopback);
        } else {
            KernelEdits.ensure(kernel, onLoopback);
            KernelEdits.remove(kernel, onHomeLink);
        }
    }

    /**
     * §11.5.5: until the home agent has let go of the home address it defends it with proxy ND, so the node must not
     * solicit the home agent's link-layer address from its home address (the answer would go to the address the home
     * agent still intercepts). Its Router Advertisement gave that address already (Source Link-Layer Address option,
     * its global address in a Prefix Information option with R set, §7.2): it goes into the neighbour cache, so the
     * deregistration leaves at once without a solicitation. (Where no advertisement said so, the kernel solicits.)
     */
    void knowHomeAgentsLinkLayerAddress(Location l, Ipv6Address homeAgent) {
        LinkIdentity ha = routerLinkLayers.get(homeAgent);
        if (ha == null) {
            stats.count("home.ha_link_layer_unknown");
            return;
        }
        try {
            kernel.neighbours().add(new Neighbour(l.ifindex(), homeAgent, ha.linkLayerAddress(),
                    Set.of(NeighbourState.STALE), false, true, KernelMarks.PROTOCOL));
            stats.count("home.ha_link_layer_from_ra");
        } catch (KernelException e) {
            stats.count("home.neighbour_error");
        }
    }

    /** §11.5.5: a Neighbor Advertisement with Override so the home link forgets the home agent's proxy entry. */
    void advertise() {
        Link home = kernel.links().get(homeLinkName).orElse(null);
        if (home == null) {
            return;
        }
        byte[] lla = home.addressBytes();
        NeighborAdvertisement na = new NeighborAdvertisement(NeighborAdvertisement.OVERRIDE, homeAddress,
                lla.length == 0 ? List.of() : List.of(LinkLayerAddressOption.target(lla)));
        out.icmp(na, home.index(), homeAddress, ALL_NODES, null, 255, "na.sent");
    }
}
