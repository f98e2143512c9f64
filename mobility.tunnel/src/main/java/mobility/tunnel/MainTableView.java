package mobility.tunnel;

import java.util.List;

import mobility.api.kernel.Change;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.Link;
import mobility.api.kernel.Route;
import mobility.api.kernel.Subscription;
import mobility.api.net.Ipv6Address;
import mobility.api.tunnel.TunnelSpec;

/**
 * The main table and the links as a batch of tunnel changes needs them (the interface towards each far end, its
 * MTU), read again only after the kernel announced a change to them. Dumping them for every batch costs time that
 * grows with every route of every table (the kernel walks them all to filter the main table), which a home agent
 * with thousands of bindings pays on each handover. Events come asynchronously, so the view can lack a change made
 * a moment ago: a far end with no route in it, or an interface missing from the links, makes it read both again
 * before it answers.
 */
final class MainTableView implements AutoCloseable {

    private static final int DEFAULT_MTU = 1500;

    private final KernelDriver driver;
    private final Subscription routeEvents;
    private final Subscription linkEvents;
    private volatile boolean routesChanged = true;
    private volatile boolean linksChanged = true;
    /** Counts the link events: whoever did something for every link sees from it whether to do it again. */
    private volatile int linkEventCount;
    private List<Route> main = List.of();
    private List<Link> links = List.of();

    MainTableView(KernelDriver driver) {
        this.driver = driver;
        this.routeEvents = driver.routes().subscribe(new KernelListener<>() {
            @Override
            public void changed(Change change, Route route) {
                if (route.table() == Route.MAIN_TABLE) {
                    routesChanged = true;
                }
            }

            @Override
            public void eventsLost() {
                routesChanged = true;
            }
        });
        Subscription links;
        try {
            links = driver.links().subscribe(new KernelListener<>() {
                @Override
                public void changed(Change change, Link link) {
                    linksChanged = true;
                    linkEventCount++;
                }

                @Override
                public void eventsLost() {
                    linksChanged = true;
                    linkEventCount++;
                }
            });
        } catch (RuntimeException e) {
            routeEvents.close();
            throw e;
        }
        this.linkEvents = links;
    }

    /** The interface towards the tunnel's far end ({@link TunnelRouting#interfaceTowards(List, TunnelSpec, Ipv6Address)}). */
    synchronized int interfaceTowards(TunnelSpec spec) {
        if (spec.interfaceIndex() != 0) {
            return spec.interfaceIndex();
        }
        try {
            return TunnelRouting.interfaceTowards(main(), spec, spec.remote());
        } catch (IllegalStateException unknown) {
            routesChanged = true;
            return TunnelRouting.interfaceTowards(main(), spec, spec.remote());
        }
    }

    /** The MTU of link {@code ifindex}; 1500 for a link that is not there even after reading the links again. */
    synchronized int mtu(int ifindex) {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (Link l : links()) {
                if (l.index() == ifindex) {
                    return l.mtu();
                }
            }
            linksChanged = true;
        }
        return DEFAULT_MTU;
    }

    /** The links, as last listed (again when one changed since). */
    synchronized List<Link> linkList() {
        return links();
    }

    /** How many link events came so far (it changes when a link came, went or changed). */
    int linkEvents() {
        return linkEventCount;
    }

    /** The main table, listed again when it changed since the last call. */
    private List<Route> main() {
        if (routesChanged) {
            // Cleared before the dump: a change during the dump marks the view again.
            routesChanged = false;
            main = driver.routes().list(Route.MAIN_TABLE);
        }
        return main;
    }

    /** The links, listed again when one changed since the last call. */
    private List<Link> links() {
        if (linksChanged) {
            linksChanged = false;
            links = driver.links().list();
        }
        return links;
    }

    @Override
    public void close() {
        try {
            routeEvents.close();
        } finally {
            linkEvents.close();
        }
    }
}
