package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** Opens kernel drivers for network namespaces other than the container's own (a test's, a simulated node's). */
@ProviderType
public interface KernelDrivers {

    /**
     * A driver for {@code namespace}. It first removes the platform objects a previous run left there; closing it
     * removes what the platform created there.
     */
    NamespaceDriver open(NetworkNamespace namespace);

    /** A driver bound to a namespace; close it when done. */
    @ProviderType
    interface NamespaceDriver extends KernelDriver, AutoCloseable {

        @Override
        void close();
    }
}
