package mobility.mn;

import java.util.ArrayList;
import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.icmp.AdvertisementInterval;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;

/**
 * What the options of a Router Advertisement tell the mobile node (RFC 4861 §6.3.4, RFC 6275 §7.2, §7.3): the on-link
 * prefixes with their lifetimes, the Advertisement Interval, the router's link-layer address from the Source
 * Link-Layer Address option, and the router's global addresses from Prefix Information options with the Router
 * Address flag.
 *
 * @param onLink the Prefix Information options with the on-link flag, in order
 * @param intervalMillis the Advertisement Interval option's value, 0 when absent
 * @param routerLinkLayer the Source Link-Layer Address option's address, null when absent
 * @param routerAddresses the addresses of Prefix Information options with the Router Address flag
 */
record RouterAdvertised(List<PrefixInformation> onLink, long intervalMillis, String routerLinkLayer,
        List<Ipv6Address> routerAddresses) {

    static RouterAdvertised of(RouterAdvertisement ra) {
        List<PrefixInformation> onLink = new ArrayList<>();
        long interval = 0;
        String routerLinkLayer = null;
        List<Ipv6Address> routerAddresses = new ArrayList<>();
        for (NdOption o : ra.options()) {
            if (o instanceof PrefixInformation pi && pi.routerAddress()) {
                routerAddresses.add(pi.prefix());
            }
            if (o instanceof PrefixInformation pi && pi.onLink()) {
                onLink.add(pi);
            } else if (o instanceof AdvertisementInterval ai) {
                interval = ai.intervalMillis();
            } else if (o instanceof LinkLayerAddressOption lla
                    && lla.type() == LinkLayerAddressOption.SOURCE_LINK_LAYER_ADDRESS) {
                routerLinkLayer = lla.addressText();
            }
        }
        return new RouterAdvertised(List.copyOf(onLink), interval, routerLinkLayer, List.copyOf(routerAddresses));
    }

    /** The on-link prefixes, each its network (a router address given with R set loses its host bits). */
    List<Ipv6Prefix> prefixes() {
        return onLink.stream().map(pi -> Ipv6Prefix.of(pi.prefix(), pi.prefixLength())).toList();
    }

    /** The on-link prefixes with their valid and preferred lifetimes, for {@link NetworkAttachment}. */
    List<NetworkAttachment.AdvertisedPrefix> advertisedPrefixes() {
        return onLink.stream().map(pi -> new NetworkAttachment.AdvertisedPrefix(
                Ipv6Prefix.of(pi.prefix(), pi.prefixLength()), pi.validLifetime(), pi.preferredLifetime())).toList();
    }
}
