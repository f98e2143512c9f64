package mobility.signalling;

import java.nio.ByteBuffer;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;

/** Packets for the filter and parser tests: the path's own sender's, and IPv6-in-IPv6 (RFC 2473) around them. */
final class Frames {

    static final int IPV6_IN_IPV6 = 41;

    private Frames() {
    }

    /** The packet the path's sender builds for {@code p}. */
    static byte[] packet(SignallingPacket p) throws SignallingException {
        ByteBuffer b = ByteBuffer.allocate(2048);
        OutgoingPacket.write(p, b);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** {@code inner} in an outer IPv6 header from {@code source} to {@code destination}, next header 41. */
    static byte[] tunnel(byte[] inner, Ipv6Address source, Ipv6Address destination) {
        return ByteBuffer.allocate(40 + inner.length).putInt(0x60000000).putShort((short) inner.length)
                .put((byte) IPV6_IN_IPV6).put((byte) 64).put(source.toBytes()).put(destination.toBytes()).put(inner)
                .array();
    }

    /**
     * As {@link #tunnel}, with the Destination Options header the kernel's ip6tnl puts first by default: a Tunnel
     * Encapsulation Limit option of 4 (RFC 2473 §5.1) and a PadN.
     */
    static byte[] tunnelWithEncapsulationLimit(byte[] inner, Ipv6Address source, Ipv6Address destination) {
        return ByteBuffer.allocate(48 + inner.length).putInt(0x60000000).putShort((short) (8 + inner.length))
                .put((byte) 60).put((byte) 64).put(source.toBytes()).put(destination.toBytes())
                .put(new byte[] {IPV6_IN_IPV6, 0, 4, 1, 4, 1, 1, 0}).put(inner).array();
    }

    /** {@code packet} (an IPv6 header and its upper layer, nothing between) with a 24-byte AH (RFC 4302) put in. */
    static byte[] withAuthenticationHeader(byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(packet.length + 24).put(packet, 0, 40)
                .put(packet[6]).put((byte) 4).putShort((short) 0).putInt(0x1234).putInt(1).put(new byte[12])
                .put(packet, 40, packet.length - 40);
        byte[] out = b.array();
        out[6] = 51;
        int payload = (packet[4] & 0xff) << 8 | packet[5] & 0xff;
        out[4] = (byte) ((payload + 24) >> 8);
        out[5] = (byte) (payload + 24);
        return out;
    }
}
