package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/**
 * The source address of every seg6 encapsulation in a namespace ({@code ip sr tunsrc}). Without it the kernel
 * picks a source per packet, which changes when an address is added (kernel.md), so the far end's "from" rule
 * stops matching.
 */
@ProviderType
public interface Seg6TunnelSource {

    /** The configured source, {@link Ipv6Address#UNSPECIFIED} when the kernel chooses. */
    Ipv6Address get(NetworkNamespace namespace);

    /** Sets it; {@link Ipv6Address#UNSPECIFIED} lets the kernel choose again. */
    void set(NetworkNamespace namespace, Ipv6Address source);
}
