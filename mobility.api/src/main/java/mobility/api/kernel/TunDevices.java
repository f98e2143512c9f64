package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** Creates TUN devices in a network namespace. */
@ProviderType
public interface TunDevices {

    /**
     * A new TUN device named {@code name} (which must start with {@link KernelMarks#LINK_PREFIX}), down.
     *
     * @param virtioHeader every packet read or written starts with a 10-byte virtio_net_hdr (IFF_VNET_HDR), through
     *        which a writer can leave the checksum to the kernel (VIRTIO_NET_HDR_F_NEEDS_CSUM) or hand over a TCP
     *        packet of up to 64 KiB for the kernel to segment (VIRTIO_NET_HDR_GSO_TCPV6)
     * @param segmentationOffload the kernel may also hand such packets to the reader (TUNSETOFFLOAD TUN_F_CSUM |
     *        TUN_F_TSO6); needs the virtio header
     */
    default TunDevice open(NetworkNamespace namespace, String name, boolean virtioHeader,
            boolean segmentationOffload) {
        return open(namespace, name, virtioHeader, segmentationOffload, false);
    }

    /**
     * As {@link #open(NetworkNamespace, String, boolean, boolean)}; with {@code coalescedWrites} the packets written
     * go through NAPI polled by a kernel thread of the device's own (IFF_NAPI, threaded NAPI) and GRO: while the
     * writer keeps writing, the thread takes what queued up in one poll, and GRO joins consecutive TCP segments of a
     * flow — also inside an IPv6-in-IPv6 header — into one packet of up to 64 KiB that the kernel routes on as one
     * and segments again only where a link needs it. Nothing is held back waiting for more.
     */
    TunDevice open(NetworkNamespace namespace, String name, boolean virtioHeader, boolean segmentationOffload,
            boolean coalescedWrites);
}
