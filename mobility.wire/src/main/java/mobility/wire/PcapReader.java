package mobility.wire;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads classic libpcap files (not pcapng): either byte order, microsecond or nanosecond time stamps. The link type
 * comes from the file header; {@link LinkLayer} finds the IPv6 packet in each frame.
 */
public final class PcapReader implements Closeable {

    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Larger records than this are a corrupt file rather than a frame (libpcap's own limit is 256 KiB). */
    private static final int MAX_RECORD = 256 * 1024;

    private final InputStream in;
    private final boolean swapped;
    private final boolean nanoseconds;
    private final int linkType;
    private final byte[] header = new byte[RECORD_HEADER];
    private int count;

    public PcapReader(InputStream in) throws IOException {
        this.in = new BufferedInputStream(in, 1 << 20);
        byte[] global = new byte[GLOBAL_HEADER];
        if (!readFully(global, GLOBAL_HEADER)) {
            throw new PcapFormatException("not a pcap file: shorter than the 24-octet file header");
        }
        int magic = bigEndian(global, 0);
        if (magic == PCAPNG_SECTION_HEADER) {
            throw new PcapFormatException("pcapng files are not supported: convert with 'editcap -F pcap IN OUT'");
        }
        if (magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS) {
            swapped = false;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROSECONDS || Integer.reverseBytes(magic) == MAGIC_NANOSECONDS) {
            swapped = true;
        } else {
            throw new PcapFormatException(String.format("not a pcap file: magic number 0x%08x", magic));
        }
        nanoseconds = (swapped ? Integer.reverseBytes(magic) : magic) == MAGIC_NANOSECONDS;
        // The link type is in the low 16 bits; the high bits may carry FCS information (pcap file format §4).
        linkType = word(global, 20) & 0xffff;
    }

    public int linkType() {
        return linkType;
    }

    /**
     * Reads the next record into {@code frame}; false at the end of the file.
     *
     * @throws PcapFormatException when the file ends inside a record or a record is implausibly large
     */
    public boolean next(Frame frame) throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        header[0] = (byte) first;
        if (!readFully(header, 1, RECORD_HEADER - 1)) {
            throw new PcapFormatException("file ends inside the record header after frame " + count);
        }
        int captured = word(header, 8);
        int original = word(header, 12);
        if (captured < 0 || captured > MAX_RECORD) {
            throw new PcapFormatException("frame " + (count + 1) + " claims " + Integer.toUnsignedString(captured)
                    + " captured octets: the file is corrupt");
        }
        if (frame.data.length < captured) {
            frame.data = new byte[Math.max(captured, frame.data.length * 2)];
        }
        if (!readFully(frame.data, 0, captured)) {
            throw new PcapFormatException("file ends inside frame " + (count + 1));
        }
        frame.number = ++count;
        frame.seconds = word(header, 0) & 0xffff_ffffL;
        long fraction = word(header, 4) & 0xffff_ffffL;
        frame.nanoseconds = nanoseconds ? fraction : fraction * 1000;
        frame.capturedLength = captured;
        frame.originalLength = original;
        return true;
    }

    private int word(byte[] b, int at) {
        int v = bigEndian(b, at);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private boolean readFully(byte[] b, int length) throws IOException {
        return readFully(b, 0, length);
    }

    private boolean readFully(byte[] b, int offset, int length) throws IOException {
        try {
            int done = 0;
            while (done < length) {
                int n = in.read(b, offset + done, length - done);
                if (n < 0) {
                    throw new EOFException();
                }
                done += n;
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
