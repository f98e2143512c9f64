package mobility.api.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The IPv6 neighbour cache and proxy neighbour entries. */
@ProviderType
public interface Neighbours {

    /** Adds or replaces an entry, or a proxy entry when {@link Neighbour#proxy()}. */
    void add(Neighbour neighbour);

    /** Removes the entry (or proxy entry) for the neighbour's interface and address. */
    void remove(Neighbour neighbour);

    /** The neighbour cache entries (no proxies). */
    List<Neighbour> list();

    /** The proxy entries. */
    List<Neighbour> listProxies();

    Subscription subscribe(KernelListener<Neighbour> listener);
}
