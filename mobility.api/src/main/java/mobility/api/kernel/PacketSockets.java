package mobility.api.kernel;

import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;

/** Opens packet sockets in a network namespace, and waits on several channels at once. */
@ProviderType
public interface PacketSockets {

    /**
     * A packet socket bound to interface {@code interfaceIndex} of {@code namespace} that passes only what
     * {@code filter} accepts. The filter is attached before the socket is bound, so nothing else is ever queued.
     */
    default PacketSocket open(NetworkNamespace namespace, int interfaceIndex, BpfProgram filter) {
        return open(namespace, interfaceIndex, filter, false);
    }

    /**
     * As {@link #open(NetworkNamespace, int, BpfProgram)}; with {@code virtioHeader} the socket is of type SOCK_RAW
     * with PACKET_VNET_HDR: each packet starts with a 10-byte virtio_net_hdr (which tells a segmentation-offload
     * packet and its segment size), then the link-layer header, and the filter's offsets start at the link-layer
     * header.
     */
    PacketSocket open(NetworkNamespace namespace, int interfaceIndex, BpfProgram filter, boolean virtioHeader);

    /**
     * Waits up to {@code timeoutMillis} until one of {@code channels} (opened by this bundle's services) has a
     * packet to receive; true when one has.
     */
    boolean awaitAny(Collection<? extends PacketChannel> channels, int timeoutMillis);
}
