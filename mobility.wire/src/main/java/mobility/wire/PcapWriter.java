package mobility.wire;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a classic pcap file of raw IPv6 packets (LINKTYPE_IPV6, microsecond time stamps, little-endian). */
public final class PcapWriter implements Closeable {

    private static final int SNAPLEN = 65535;

    private final OutputStream out;
    private final byte[] header = new byte[16];

    public PcapWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 20);
        byte[] global = new byte[24];
        little(global, 0, 0xa1b2c3d4);
        little16(global, 4, 2);
        little16(global, 6, 4);
        little(global, 16, SNAPLEN);
        little(global, 20, LinkLayer.IPV6);
        this.out.write(global);
    }

    /** Appends one packet with this time stamp. */
    public void write(byte[] packet, int offset, int length, long seconds, int microseconds) throws IOException {
        little(header, 0, (int) seconds);
        little(header, 4, microseconds);
        little(header, 8, length);
        little(header, 12, length);
        out.write(header);
        out.write(packet, offset, length);
    }

    private static void little(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private static void little16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
