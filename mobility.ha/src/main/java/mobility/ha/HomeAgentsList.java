package mobility.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.HomeAgentInformation;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.PrefixInformation;
import mobility.api.wire.icmp.RouterAdvertisement;

/**
 * The Home Agents List of a home link (RFC 6275 §10.1, §10.5.1): every home agent heard in Router Advertisements with
 * the H flag, keyed by its link-local address, with its global addresses (Prefix Information options with the R
 * flag), its preference and lifetime (Home Agent Information option, else 0 and the router lifetime), plus this home
 * agent itself.
 */
final class HomeAgentsList {

    record Entry(Ipv6Address linkLocal, List<Ipv6Address> globalAddresses, int preference, long expiresAtMillis) {
    }

    private final Map<Ipv6Address, Entry> heard = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final Entry self;

    HomeAgentsList(Ipv6Address ownLinkLocal, Ipv6Address ownGlobal, int ownPreference, LongSupplier clock) {
        this.clock = clock;
        this.self = new Entry(ownLinkLocal, ownGlobal == null ? List.of() : List.of(ownGlobal), ownPreference,
                Long.MAX_VALUE);
    }

    /** §10.5.1: update from a Router Advertisement received on the home link. */
    void heard(Ipv6Address source, RouterAdvertisement ra) {
        if (source.equals(self.linkLocal())) {
            return;
        }
        if (!ra.homeAgent()) {
            heard.remove(source);
            return;
        }
        int preference = 0;
        long lifetime = ra.routerLifetime();
        List<Ipv6Address> globals = new ArrayList<>();
        for (NdOption o : ra.options()) {
            if (o instanceof HomeAgentInformation hai) {
                preference = hai.preference();
                lifetime = hai.lifetimeSeconds();
            } else if (o instanceof PrefixInformation pi && pi.routerAddress()) {
                globals.add(pi.prefix());
            }
        }
        if (lifetime == 0) {
            heard.remove(source);
            return;
        }
        Entry old = heard.get(source);
        if (globals.isEmpty() && old != null) {
            globals = old.globalAddresses();
        }
        heard.put(source, new Entry(source, List.copyOf(globals), preference, clock.getAsLong() + lifetime * 1000));
    }

    /** §10.5: global addresses by preference, highest first; unexpired entries only; this home agent included. */
    List<Ipv6Address> addressesByPreference() {
        long now = clock.getAsLong();
        heard.values().removeIf(e -> e.expiresAtMillis() <= now);
        List<Entry> all = new ArrayList<>(heard.values());
        all.add(self);
        all.sort(Comparator.comparingInt(Entry::preference).reversed());
        List<Ipv6Address> out = new ArrayList<>();
        for (Entry e : all) {
            out.addAll(e.globalAddresses());
        }
        return out;
    }

    int size() {
        return heard.size() + 1;
    }
}
