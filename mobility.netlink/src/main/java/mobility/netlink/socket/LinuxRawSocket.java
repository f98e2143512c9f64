package mobility.netlink.socket;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;

/** A raw IPv6 socket (raw(7)); protocol 255 (IPPROTO_RAW) implies the header is included on send (ipv6(7)). */
final class LinuxRawSocket extends SocketChannel implements RawSocket {

    private final int protocol;

    private LinuxRawSocket(int fd, int protocol, boolean control) {
        super(fd, "raw IPv6 socket for protocol " + protocol, control);
        this.protocol = protocol;
    }

    /** Opens the socket in the calling thread's network namespace. */
    static LinuxRawSocket open(int protocol, RawSockets.Option... options) {
        int fd = Sys.check(Sys.LIB.socket(Sys.AF_INET6, Sys.SOCK_RAW | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC,
                protocol), "socket(AF_INET6, SOCK_RAW, " + protocol + ")");
        boolean control = false;
        LinuxRawSocket socket;
        try {
            for (RawSockets.Option option : options) {
                switch (option) {
                    case PACKET_INFO -> {
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
                        control = true;
                    }
                    case HOP_LIMIT -> {
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
                        control = true;
                    }
                    case DESTINATION_OPTIONS -> {
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_RECVDSTOPTS, 1, "IPV6_RECVDSTOPTS");
                        control = true;
                    }
                    case ROUTING_HEADER -> {
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_RECVRTHDR, 1, "IPV6_RECVRTHDR");
                        control = true;
                    }
                    case HOP_LIMIT_255 -> {
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
                    }
                    case MOBILITY_HEADER_CHECKSUM ->
                        // RFC 6275 §6.1.1: the Checksum field is the third 16-bit word of the Mobility Header.
                        Sys.setInt(fd, Sys.IPPROTO_IPV6, Sys.IPV6_CHECKSUM, 4, "IPV6_CHECKSUM");
                    default -> throw new IllegalArgumentException("option " + option);
                }
            }
            Sys.receiveBuffer(fd, 4 << 20);
            Sys.sendBuffer(fd, 4 << 20);
        } catch (RuntimeException e) {
            Sys.LIB.close(fd);
            throw e;
        }
        socket = new LinuxRawSocket(fd, protocol, control);
        return socket;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public int send(PacketBatch batch) {
        return sendBatch(nativeBatch(batch), true);
    }

    @Override
    public void filter(BpfProgram program) {
        Sys.attachFilter(fd, program.instructions(), "SO_ATTACH_FILTER on " + this);
    }
}
