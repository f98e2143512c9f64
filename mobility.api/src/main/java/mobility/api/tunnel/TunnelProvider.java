package mobility.api.tunnel;

import org.osgi.annotation.versioning.ConsumerType;

/** A mechanism for IPv6-in-IPv6 tunnels, registered as a service by the bundle that implements it. */
@ConsumerType
public interface TunnelProvider {

    /** Service property with {@link #name()}. */
    String NAME = "mobility.tunnel.provider";

    /** {@code ip6tnl}, {@code seg6}, {@code tun}, ... */
    String name();

    /** Higher is preferred when several are available (kernel mechanisms over user space). */
    int preference();

    /** Whether this kernel and this process can run the mechanism, and if not, why. */
    Availability availability();

    /** Installs a tunnel. */
    Tunnel open(TunnelSpec spec) throws TunnelException;

    /** Whether the provider can be used here; {@code reason} says why not, or what was found. */
    record Availability(boolean available, String reason) {
    }
}
