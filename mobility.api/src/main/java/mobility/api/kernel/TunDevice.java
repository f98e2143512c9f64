package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A TUN device (IFF_TUN | IFF_NO_PI): what the kernel routes into it is read here as whole IPv6 packets, and what
 * is written here the kernel receives as if it arrived on the device. It exists while it is open; closing removes
 * the link. With the virtio header (IFF_VNET_HDR) each packet starts with a 10-byte virtio_net_hdr, and with
 * offloads the kernel hands over segmentation-offload packets up to 64 KiB and accepts them back.
 */
@ProviderType
public interface TunDevice extends PacketChannel {

    String name();

    int interfaceIndex();

    /** Whether packets carry the 10-byte virtio_net_hdr. */
    boolean virtioHeader();

    /** {@link #writePath()} when a batch goes to the kernel with one system call. */
    String WRITE_BATCHED = "batched";
    /** {@link #writePath()} when every packet takes a write(2) of its own; followed by the reason. */
    String WRITE_PER_PACKET = "per packet";

    /**
     * How {@link #write} hands a batch to the kernel: {@link #WRITE_BATCHED}, or {@link #WRITE_PER_PACKET} followed by
     * why (e.g. a kernel without io_uring).
     */
    default String writePath() {
        return WRITE_PER_PACKET;
    }

    /**
     * Writes packets 0..count-1 of {@code batch}, each between its buffer's position and limit; an empty one is
     * skipped, so a reader can drop a packet of a batch by emptying its buffer.
     */
    int write(PacketBatch batch);
}
