package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A raw IPv6 socket (raw(7), ipv6(7)). One opened for an upper-layer protocol receives that protocol's payloads
 * addressed to this node (the bytes after the IPv6 header and the extension headers the kernel processed), with the
 * sender as peer and the destination, interface and hop limit from ancillary data; its existence also tells the
 * kernel the protocol is handled, so it sends no ICMPv6 Parameter Problem for it. One opened with the header
 * included sends whole IPv6 packets that the kernel routes and resolves the next hop for.
 */
@ProviderType
public interface RawSocket extends PacketChannel {

    /** The IPv6 next-header value it was opened for (255: whole packets, header included). */
    int protocol();

    /**
     * Sends packets 0..count-1 of {@code batch}, each to its {@link PacketBatch#peer peer}; returns how many the
     * kernel took. A packet the kernel refuses (no route, too big) is a {@link KernelException} when it is the first.
     */
    int send(PacketBatch batch);

    /** Replaces the receive filter (SO_ATTACH_FILTER); offsets start at the upper-layer payload. */
    void filter(BpfProgram program);
}
