package mobility.tunnel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.Link;
import mobility.api.kernel.Route;
import mobility.api.net.Ipv6Address;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * The kernel's own RFC 2473 tunnel: an ip6tnl link between the local and the far end, which encapsulates what is
 * routed into it, decapsulates only what comes from its far end, and handles the path MTU itself. The kernel keeps
 * one link per pair of end points (a second is EEXIST), so tunnels with the same end points (two home addresses
 * behind one care-of address) share one link, counted, and only their routes differ. Where the capability probe
 * found no ip6tnl (this machine's kernel), the provider says so and opens nothing.
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
    private final Map<EndPoints, SharedLink> links = new HashMap<>();
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
            out.put("links", (long) links.size());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        for (Ip6Tunnel t : List.copyOf(open)) {
            t.close();
        }
    }

    private record EndPoints(Ipv6Address local, Ipv6Address remote) {
        static EndPoints of(TunnelSpec spec) {
            return new EndPoints(spec.local(), spec.remote());
        }
    }

    /** An ip6tnl link and how many tunnels route into it. */
    private static final class SharedLink {
        final EndPoints endPoints;
        final String name;
        final int number;
        final int index;
        int users;

        SharedLink(EndPoints endPoints, String name, int number, int index) {
            this.endPoints = endPoints;
            this.name = name;
            this.number = number;
            this.index = index;
        }
    }

    /** The link between these end points: the one already there, or a new one. Called under the provider's lock. */
    private SharedLink acquire(TunnelSpec next) {
        EndPoints ends = EndPoints.of(next);
        SharedLink link = links.get(ends);
        if (link == null) {
            int n = linkNumbers.nextClearBit(0);
            String name = LINK_PREFIX + n;
            int underlying = TunnelRouting.interfaceTowards(driver, next, next.remote());
            String underlyingName = driver.links().list().stream().filter(l -> l.index() == underlying)
                    .map(Link::name).findFirst().orElse(null);
            driver.links().addIp6Tunnel(name, next.local(), next.remote(), underlyingName);
            linkNumbers.set(n);
            try {
                driver.links().setUp(name, true);
                link = new SharedLink(ends, name, n, driver.links().require(name).index());
            } catch (RuntimeException e) {
                driver.links().delete(name);
                linkNumbers.clear(n);
                throw e;
            }
            links.put(ends, link);
        } else {
            counters.add("link.shared", 1);
        }
        link.users++;
        return link;
    }

    /** One tunnel less on the link; the last one deletes it. */
    private void release(SharedLink link) {
        if (--link.users > 0) {
            return;
        }
        links.remove(link.endPoints);
        try {
            driver.links().delete(link.name);
        } finally {
            linkNumbers.clear(link.number);
        }
    }

    /** The routes into a (possibly shared) ip6tnl link; a move makes the new link before the old one goes. */
    private final class Ip6Tunnel extends RoutedTunnel {

        private SharedLink link;

        Ip6Tunnel(TunnelSpec spec) {
            super(Ip6tnlProvider.this.driver, Ip6tnlProvider.this, Ip6tnlProvider.this.tables,
                    Ip6tnlProvider.this.shared, spec);
        }

        @Override
        void install(TunnelSpec next) {
            // Same end points (a re-registration from the same place): same link, only the routes follow the spec.
            boolean same = link != null && link.endPoints.equals(EndPoints.of(next));
            SharedLink target = same ? link : acquire(next);
            try {
                installed = installed.moveTo(driver,
                        routing.plan(next, privateTable, p -> Route.to(p).dev(target.index)), shared);
            } catch (RuntimeException e) {
                if (!same) {
                    release(target);
                }
                throw e;
            }
            if (same) {
                counters.add("link.kept", 1);
            } else {
                removeOwn();
                link = target;
            }
            spec = next;
        }

        @Override
        void moved(TunnelSpec previous) {
            sharedRule = routing.sharedRule(driver, sharedRule, wantsSharedRule());
        }

        @Override
        void removeOwn() {
            if (link != null) {
                SharedLink was = link;
                link = null;
                release(was);
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
