package mobility.api.tunnel;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The tunnels of this container, on the best available {@link TunnelProvider} or the configured one. Roles open
 * tunnels here rather than on a provider, so that a provider swap moves every live tunnel without the role noticing.
 */
@ProviderType
public interface DataPlane {

    Tunnel open(TunnelSpec spec) throws TunnelException;

    /**
     * Opens, moves and closes several tunnels together: on a {@link BatchingTunnelProvider} with one exchange with
     * the kernel for all, else one by one. One outcome per change, in order; a failed change leaves the others made.
     */
    List<TunnelChange.Outcome> apply(List<TunnelChange> changes);

    /** The provider in use now. */
    String provider();

    /** Moves every live tunnel to another provider; they keep their specs and handles. */
    void switchTo(String providerName) throws TunnelException;

    /** Every live tunnel. */
    List<Tunnel> tunnels();

    /** Providers seen, their availability, and which one is in use and why, for {@code mip:caps}. */
    Map<String, Object> describe();
}
