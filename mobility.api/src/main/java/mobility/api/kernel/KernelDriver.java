package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel of one network namespace, as the roles see it. The driver registered as a service works in the
 * namespace of the container; {@link KernelDrivers} opens drivers for other namespaces.
 */
@ProviderType
public interface KernelDriver {

    NetworkNamespace namespace();

    Links links();

    Addresses addresses();

    Routes routes();

    Rules rules();

    Neighbours neighbours();

    Ipv6Settings ipv6Settings();

    XfrmPolicies xfrmPolicies();

    XfrmStates xfrmStates();

    /** An empty batch of changes for this namespace, sent together when executed. */
    KernelBatch batch();

    /** What this kernel can do, as probed when the driver started. */
    KernelCapabilities capabilities();

    /**
     * Removes every object carrying the platform's marks ({@link KernelMarks}) in this namespace, whoever of the
     * platform created it, and restores the IPv6 settings the driver changed. Drivers do this when they start (for
     * what a crashed run left) and when they close.
     *
     * @return how many objects were removed
     */
    int removePlatformObjects();
}
