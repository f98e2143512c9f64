package mobility.netlink.socket;

import java.nio.ByteBuffer;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.PacketSocket;

/**
 * packet(7) SOCK_DGRAM (or SOCK_RAW with the virtio header) bound to one interface for ETH_P_IPV6 (or ETH_P_ALL). Created for protocol 0 (receiving nothing), given its
 * filter, and only then bound to the protocol, so no unfiltered packet is ever queued on it.
 */
final class LinuxPacketSocket extends SocketChannel implements PacketSocket {

    private static final int SOCKADDR_LL = 20;
    private final int interfaceIndex;
    private final ByteBuffer statistics = Sys.allocate(12);
    private long dropped;

    private LinuxPacketSocket(int fd, int interfaceIndex) {
        super(fd, "packet socket on interface " + interfaceIndex, false);
        this.interfaceIndex = interfaceIndex;
    }

    /** Opens the socket in the calling thread's network namespace. */
    static LinuxPacketSocket open(int interfaceIndex, BpfProgram filter, boolean virtioHeader, int protocol) {
        int type = virtioHeader ? Sys.SOCK_RAW : Sys.SOCK_DGRAM;
        int fd = Sys.check(Sys.LIB.socket(Sys.AF_PACKET, type | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC, 0),
                "socket(AF_PACKET, " + (virtioHeader ? "SOCK_RAW" : "SOCK_DGRAM") + ")");
        LinuxPacketSocket socket = new LinuxPacketSocket(fd, interfaceIndex);
        try {
            socket.filter(filter);
            if (virtioHeader) {
                Sys.setInt(fd, Sys.SOL_PACKET, Sys.PACKET_VNET_HDR, 1, "PACKET_VNET_HDR");
            }
            Sys.setInt(fd, Sys.SOL_PACKET, Sys.PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING");
            Sys.receiveBuffer(fd, 1 << 20);
            ByteBuffer address = Sys.allocate(SOCKADDR_LL);
            address.putShort(0, (short) Sys.AF_PACKET);
            address.putShort(2, Short.reverseBytes((short) protocol));
            address.putInt(4, interfaceIndex);
            Sys.check(Sys.LIB.bind(fd, Sys.address(address), SOCKADDR_LL), "bind packet socket to interface "
                    + interfaceIndex);
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public int interfaceIndex() {
        return interfaceIndex;
    }

    @Override
    public void filter(BpfProgram program) {
        Sys.attachFilter(fd, program.instructions(), "SO_ATTACH_FILTER on " + this);
    }

    /** PACKET_STATISTICS (struct tpacket_stats: packets, drops) resets on each read, so the drops add up here. */
    @Override
    public synchronized long dropped() {
        ByteBuffer length = Sys.allocate(4);
        length.putInt(0, 8);
        if (Sys.LIB.getsockopt(fd, Sys.SOL_PACKET, Sys.PACKET_STATISTICS, Sys.address(statistics),
                Sys.address(length)) == 0) {
            dropped += statistics.getInt(4) & 0xffffffffL;
        }
        return dropped;
    }
}
