package mobility.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import mobility.api.kernel.FeatureSupport;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/**
 * The policy routing that sends traffic into a tunnel, the same for every provider except for the route's last hop
 * (a seg6 encapsulation, the TUN device, the ip6tnl link). A home agent's tunnel puts its routed prefixes into the
 * provider's shared table; a mobile node's reverse tunnel gets a private table with the routed prefixes (::/0)
 * and two rules for its home address: first the local table, so traffic between the node's own addresses stays
 * local, then the private table (RFC 6275 §11.3.1).
 */
final class TunnelRouting {

    private final TunnelTables tables;

    TunnelRouting(TunnelTables tables) {
        this.tables = tables;
    }

    /** The routes and rules of {@code spec}; {@code privateTable} is used only for a reverse tunnel. */
    KernelPlan plan(TunnelSpec spec, int privateTable, Function<Ipv6Prefix, Route> lastHop) {
        List<Route> routes = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        int table = spec.fromOnly() == null ? tables.sharedTable() : privateTable;
        for (Ipv6Prefix p : spec.routed()) {
            routes.add(lastHop.apply(p.network()).table(table));
        }
        if (spec.fromOnly() != null) {
            rules.add(Rule.lookup(tables.reversePriority(), Route.LOCAL_TABLE).from(spec.fromOnly()));
            rules.add(Rule.lookup(tables.reversePriority() + 1, privateTable).from(spec.fromOnly()));
        }
        return new KernelPlan(routes, rules);
    }

    /** The rule that looks up the shared table, present while a home agent's tunnel is. */
    Rule sharedRule() {
        return Rule.lookup(tables.sharedPriority(), tables.sharedTable());
    }

    /** Adds or removes the shared table's rule so that it is there exactly when {@code wanted}; the new state. */
    boolean sharedRule(KernelDriver driver, boolean present, boolean wanted) {
        if (wanted && !present) {
            driver.rules().add(sharedRule());
        } else if (!wanted && present) {
            driver.rules().remove(sharedRule());
        }
        return wanted;
    }

    /** Whether the capability probe found {@code feature}, in words: "WHAT (evidence)" or "no WHAT: evidence". */
    static TunnelProvider.Availability availability(KernelDriver driver, KernelFeature feature, String what) {
        FeatureSupport support = driver.capabilities().features().get(feature);
        if (support != null && support.supported()) {
            return new TunnelProvider.Availability(true, what + " (" + support.evidence() + ")");
        }
        return new TunnelProvider.Availability(false, "no " + what + (support == null ? "" : ": "
                + support.evidence()));
    }

    /**
     * The interface towards {@code remote}: the one the spec names, else the device of the most specific route of
     * the main table that covers it.
     */
    static int interfaceTowards(KernelDriver driver, TunnelSpec spec, Ipv6Address remote) {
        if (spec.interfaceIndex() != 0) {
            return spec.interfaceIndex();
        }
        return interfaceTowards(driver.routes().list(Route.MAIN_TABLE), spec, remote);
    }

    /** As above, from the main table read once for many tunnels. */
    static int interfaceTowards(List<Route> mainTable, TunnelSpec spec, Ipv6Address remote) {
        if (spec.interfaceIndex() != 0) {
            return spec.interfaceIndex();
        }
        Route best = null;
        for (Route r : mainTable) {
            if (r.ifindex() != 0 && r.source() == null && r.destination().contains(remote)
                    && (best == null || r.destination().length() > best.destination().length())) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no route towards " + remote);
        }
        return best.ifindex();
    }
}
