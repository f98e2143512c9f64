package mobility.api.kernel;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** IPv6 routes in any table, including SRv6 encapsulations, and default-router changes. */
@ProviderType
public interface Routes {

    /** Adds a route; EEXIST when the same route is there. */
    void add(Route route);

    /** Adds the route or replaces the one with the same destination, source, table and metric. */
    void replace(Route route);

    /**
     * Adds many routes in as few sends as possible, waiting for all acknowledgements once. Every route the kernel
     * accepts stays; when some fail, the first failure is thrown after all were answered, naming that route.
     */
    void addAll(Collection<Route> routes);

    /** Removes the route matching destination, source, table, type and metric (and gateway and device if set). */
    void remove(Route route);

    /** The routes of one table. */
    List<Route> list(int table);

    /** The routes of every table. */
    List<Route> listAll();

    Subscription subscribe(KernelListener<Route> listener);

    /** The default routes of the main table. */
    List<DefaultRouter> defaultRouters();

    /** Told when a default route of the main table appears, changes or goes. */
    Subscription subscribeDefaultRouters(KernelListener<DefaultRouter> listener);
}
