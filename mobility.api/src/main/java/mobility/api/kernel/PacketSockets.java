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
     * As {@link #open(NetworkNamespace, int, BpfProgram)}, but bound for every protocol (ETH_P_ALL) instead of
     * ETH_P_IPV6: such a socket is one of the kernel's taps (ptype_all), which see a received frame before the
     * link's ingress classifiers (tc, TCX) change it, where one for IPv6 sees it after them. An IPv6-in-IPv6 packet
     * that a classifier decapsulates is seen here with its outer header. The filter must then check the protocol
     * itself (SKF_AD_PROTOCOL) and should reject PACKET_OUTGOING (SKF_AD_PKTTYPE 4); offsets still start at the
     * network header (SOCK_DGRAM), and this node's own packets are not delivered (PACKET_IGNORE_OUTGOING).
     */
    PacketSocket openAllProtocols(NetworkNamespace namespace, int interfaceIndex, BpfProgram filter);

    /**
     * Waits up to {@code timeoutMillis} until one of {@code channels} (opened by this bundle's services) has a
     * packet to receive; true when one has.
     */
    boolean awaitAny(Collection<? extends PacketChannel> channels, int timeoutMillis);
}
