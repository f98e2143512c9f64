package mobility.api.kernel;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Kernel changes queued and then sent together: many requests in each datagram and all answers read once, so that
 * a burst of changes (a home agent's new bindings: proxy entries, tunnel routes and rules) costs one exchange with
 * the kernel instead of a round trip each. The kernel handles the requests in the order queued; each succeeds or
 * fails on its own. Not thread-safe: one caller fills and executes a batch.
 */
@ProviderType
public interface KernelBatch {

    /** Queues {@link Routes#replace}; returns the request's index in this batch. */
    int replaceRoute(Route route);

    /** Queues {@link Routes#remove}; returns the request's index. */
    int removeRoute(Route route);

    /** Queues {@link Rules#add}; returns the request's index. */
    int addRule(Rule rule);

    /** Queues {@link Rules#remove} of one of the platform's rules; returns the request's index. */
    int removeRule(Rule rule);

    /** Queues {@link Neighbours#add}; returns the request's index. */
    int addNeighbour(Neighbour neighbour);

    /** Queues {@link Neighbours#remove}; returns the request's index. */
    int removeNeighbour(Neighbour neighbour);

    /** Requests queued and not yet executed. */
    int size();

    /**
     * Sends every queued request and waits for all answers. Returns the refusals by request index (empty when the
     * kernel did everything); the batch is empty afterwards and may be filled again.
     *
     * @throws KernelException when the exchange itself failed (no answer), not when a request was refused
     */
    Map<Integer, KernelException> execute();
}
