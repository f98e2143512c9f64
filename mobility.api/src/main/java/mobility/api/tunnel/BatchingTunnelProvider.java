package mobility.api.tunnel;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link TunnelProvider} that applies many tunnel changes together, with one exchange with the kernel for all of
 * them instead of one per tunnel (a home agent answering a burst of Binding Updates). The {@link DataPlane} uses it
 * when the provider in use offers it, and opens, moves and closes tunnels one by one otherwise.
 */
@ConsumerType
public interface BatchingTunnelProvider extends TunnelProvider {

    /**
     * Applies the changes, whose tunnels are this provider's own; one outcome per change, in order. A change that
     * fails leaves the others made, and its own tunnel as it was (an open that fails leaves nothing behind).
     */
    List<TunnelChange.Outcome> apply(List<TunnelChange> changes);
}
