package mobility.wire;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    /** Holds the largest record whole, and many small ones, so that most frames cost no read call. */
    private static final int BUFFER = 1 << 20;

    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final InputStream in;
    private final boolean swapped;
    private final boolean nanoseconds;
    private final int linkType;
    private final byte[] buffer = new byte[BUFFER];
    /** The unread octets are buffer[position, limit). */
    private int position;
    private int limit;
    private int count;

    public PcapReader(InputStream in) throws IOException {
        this.in = in;
        if (!available(GLOBAL_HEADER)) {
            throw new PcapFormatException("not a pcap file: shorter than the 24-octet file header");
        }
        int magic = bigEndian(buffer, 0);
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
        linkType = word(20) & 0xffff;
        position = GLOBAL_HEADER;
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
        // The buffer holds the next record whole nearly always: the checks that read more only when it does not.
        if (limit - position < RECORD_HEADER && !available(1)) {
            return false;
        }
        if (limit - position < RECORD_HEADER && !available(RECORD_HEADER)) {
            throw new PcapFormatException("file ends inside the record header after frame " + count);
        }
        int header = position;
        int captured = word(header + 8);
        int original = word(header + 12);
        if (captured < 0 || captured > MAX_RECORD) {
            throw new PcapFormatException("frame " + (count + 1) + " claims " + Integer.toUnsignedString(captured)
                    + " captured octets: the file is corrupt");
        }
        if (limit - position < RECORD_HEADER + captured && !available(RECORD_HEADER + captured)) {
            throw new PcapFormatException("file ends inside frame " + (count + 1));
        }
        header = position;
        if (frame.data.length < captured) {
            frame.data = new byte[Math.max(captured, frame.data.length * 2)];
        }
        System.arraycopy(buffer, header + RECORD_HEADER, frame.data, 0, captured);
        position = header + RECORD_HEADER + captured;
        frame.number = ++count;
        frame.seconds = word(header) & 0xffff_ffffL;
        long fraction = word(header + 4) & 0xffff_ffffL;
        frame.nanoseconds = nanoseconds ? fraction : fraction * 1000;
        frame.capturedLength = captured;
        frame.originalLength = original;
        return true;
    }

    /**
     * Reads the next records into {@code block}, emptied first, until it holds {@code maxFrames} records or at least
     * {@code maxOctets} octets: their octets copied whole, in as few copies as the buffer allows (one, nearly always),
     * with the same checks as {@link #next(Frame)}. False when the file ended (the block may still hold records).
     *
     * @throws PcapFormatException as {@link #next(Frame)}; the records read before stay in the block
     */
    boolean next(RecordBlock block, int maxFrames, int maxOctets) throws IOException {
        block.clear(count + 1, swapped, nanoseconds);
        // The records not yet appended to the block are buffer[run, position): appended before the buffer moves.
        int run = position;
        while (block.count() < maxFrames && block.octets(position - run) < maxOctets) {
            if (limit - position < RECORD_HEADER) {
                block.append(buffer, run, position - run);
                if (!available(1)) {
                    return false;
                }
                if (!available(RECORD_HEADER)) {
                    throw new PcapFormatException("file ends inside the record header after frame " + count);
                }
                run = position;
            }
            int captured = word(position + 8);
            if (captured < 0 || captured > MAX_RECORD) {
                block.append(buffer, run, position - run);
                throw new PcapFormatException("frame " + (count + 1) + " claims " + Integer.toUnsignedString(captured)
                        + " captured octets: the file is corrupt");
            }
            if (limit - position < RECORD_HEADER + captured) {
                block.append(buffer, run, position - run);
                run = position;
                if (!available(RECORD_HEADER + captured)) {
                    throw new PcapFormatException("file ends inside frame " + (count + 1));
                }
                run = position;
            }
            block.record(position - run);
            position += RECORD_HEADER + captured;
            count++;
        }
        block.append(buffer, run, position - run);
        return true;
    }

    /**
     * A 32-bit field in the file's byte order, read as one int through the view of that order (each a constant, so
     * that C1 inlines it): a little-endian file, the usual one, is read without swapping.
     */
    private int word(int at) {
        return swapped ? (int) LITTLE_ENDIAN_INT.get(buffer, at) : (int) BIG_ENDIAN_INT.get(buffer, at);
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    /** Whether {@code n} unread octets are buffered, reading more (the unread moved to the front) when not. */
    private boolean available(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
