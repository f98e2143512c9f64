package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** Creates TUN devices in a network namespace. */
@ProviderType
public interface TunDevices {

    /**
     * A new TUN device named {@code name} (which must start with {@link KernelMarks#LINK_PREFIX}), down.
     *
     * @param offloads with the virtio header, and TCP segmentation and checksum offloads (TUNSETOFFLOAD
     *        TUN_F_CSUM | TUN_F_TSO6) so that reads and writes may carry up to 64 KiB
     */
    TunDevice open(NetworkNamespace namespace, String name, boolean offloads);
}
