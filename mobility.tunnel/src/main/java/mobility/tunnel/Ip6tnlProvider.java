package mobility.tunnel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.Link;
import mobility.api.kernel.Route;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * The kernel's own RFC 2473 tunnel: an ip6tnl link per tunnel between the local and the far end, which
 * encapsulates what is routed into it, decapsulates only what comes from its far end, and handles the path MTU
 * itself. Where the capability probe found no ip6tnl (this machine's kernel), the provider says so and opens
 * nothing.
 */
final class Ip6tnlProvider implements CountedProvider {

    static final String NAME = "ip6tnl";
    private static final String LINK_PREFIX = "mip6t";

    private final KernelDriver driver;
    private final TunnelRouting routing = new TunnelRouting(TunnelTables.IP6TNL);
    private final TunnelTables.Allocator tables = new TunnelTables.Allocator(TunnelTables.IP6TNL);
    private final SharedKernelObjects shared = new SharedKernelObjects();
    private final List<Ip6Tunnel> open = new ArrayList<>();
    private final BitSet linkNumbers = new BitSet();
    private final Counters counters = new Counters();
    private boolean sharedRule;

    Ip6tnlProvider(KernelDriver driver) {
        this.driver = driver;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 300;
    }

    @Override
    public Availability availability() {
        return TunnelRouting.availability(driver, KernelFeature.IP6TNL, "ip6tnl links");
    }

    @Override
    public synchronized Tunnel open(TunnelSpec spec) throws TunnelException {
        Availability a = availability();
        if (!a.available()) {
            throw new TunnelException("ip6tnl is unavailable: " + a.reason());
        }
        try {
            Ip6Tunnel t = new Ip6Tunnel(spec);
            open.add(t);
            sharedRule = routing.sharedRule(driver, sharedRule, wantsSharedRule());
            return t;
        } catch (KernelException | IllegalStateException e) {
            throw new TunnelException("ip6tnl tunnel " + spec.local() + " -> " + spec.remote() + ": "
                    + e.getMessage(), e);
        }
    }

    private boolean wantsSharedRule() {
        return open.stream().anyMatch(t -> t.spec.fromOnly() == null);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>(counters.snapshot());
        synchronized (this) {
            out.put("tunnels", (long) open.size());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        for (Ip6Tunnel t : List.copyOf(open)) {
            t.close();
        }
    }

    /** One ip6tnl link and the routes into it; a move makes the new link before the old one goes. */
    private final class Ip6Tunnel extends RoutedTunnel {

        private String link;
        private int number;

        Ip6Tunnel(TunnelSpec spec) {
            super(Ip6tnlProvider.this.driver, Ip6tnlProvider.this, Ip6tnlProvider.this.tables,
                    Ip6tnlProvider.this.shared, spec);
        }

        @Override
        void install(TunnelSpec next) {
            if (link != null && spec.local().equals(next.local()) && spec.remote().equals(next.remote())) {
                // The kernel keeps one ip6tnl link per pair of end points (a second is EEXIST): same end points,
                // same link; only the routes into it follow the new spec (a re-registration from the same place).
                int index = driver.links().require(link).index();
                installed = installed.moveTo(driver, routing.plan(next, privateTable, p -> Route.to(p).dev(index)),
                        shared);
                spec = next;
                counters.add("link.kept", 1);
                return;
            }
            int n = linkNumbers.nextClearBit(0);
            String name = LINK_PREFIX + n;
            int underlying = TunnelRouting.interfaceTowards(driver, next, next.remote());
            String underlyingName = driver.links().list().stream().filter(l -> l.index() == underlying)
                    .map(Link::name).findFirst().orElse(null);
            driver.links().addIp6Tunnel(name, next.local(), next.remote(), underlyingName);
            linkNumbers.set(n);
            driver.links().setUp(name, true);
            int index = driver.links().require(name).index();
            installed = installed.moveTo(driver, routing.plan(next, privateTable, p -> Route.to(p).dev(index)),
                    shared);
            removeOwn();
            link = name;
            number = n;
            spec = next;
        }

        @Override
        void moved(TunnelSpec previous) {
            sharedRule = routing.sharedRule(driver, sharedRule, wantsSharedRule());
        }

        @Override
        void removeOwn() {
            if (link != null) {
                driver.links().delete(link);
                linkNumbers.clear(number);
                link = null;
            }
        }

        @Override
        void forget() {
            open.remove(this);
            sharedRule = routing.sharedRule(driver, sharedRule, wantsSharedRule());
        }

        @Override
        String providerName() {
            return NAME;
        }

        @Override
        Map<String, Long> providerCounters() {
            return Ip6tnlProvider.this.counters();
        }
    }
}
