package mobility.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A run of consecutive records of a pcap file, header and frame each, copied whole into one array by
 * {@link PcapReader#next(RecordBlock, int, int)}: the reading thread copies a batch's records at once and finds where
 * each starts, the thread that decodes them reads their headers ({@link #frame}) and their frames in place.
 */
final class RecordBlock {

    /** The pcap record header (pcap file format §5): seconds, fraction, captured length, original length. */
    static final int RECORD_HEADER = 16;

    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] octets;
    private int length;
    private int[] starts;
    private int count;
    private int firstNumber;
    private boolean swapped;
    private boolean nanoseconds;

    RecordBlock(int octets, int records) {
        this.octets = new byte[octets];
        this.starts = new int[records];
    }

    /** Empties the block for records numbered from {@code firstNumber}, in the file's byte order and time unit. */
    void clear(int firstNumber, boolean swapped, boolean nanoseconds) {
        this.firstNumber = firstNumber;
        this.swapped = swapped;
        this.nanoseconds = nanoseconds;
        length = 0;
        count = 0;
    }

    /** Appends octets that hold whole records, whose starts were {@link #record recorded}. */
    void append(byte[] from, int offset, int n) {
        if (length + n > octets.length) {
            octets = Arrays.copyOf(octets, Math.max(octets.length * 2, length + n));
        }
        System.arraycopy(from, offset, octets, length, n);
        length += n;
    }

    /** The next record starts {@code pending} octets past the octets appended so far. */
    void record(int pending) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = length + pending;
    }

    int count() {
        return count;
    }

    /** The octets appended and those pending ({@code pending}): what the block holds once they are appended. */
    int octets(int pending) {
        return length + pending;
    }

    /** Makes {@code f} a view of record {@code i}: its header's fields, its frame in place in the block. */
    void frame(int i, Frame f) {
        int at = starts[i];
        byte[] b = octets;
        f.data = b;
        f.offset = at + RECORD_HEADER;
        f.number = firstNumber + i;
        f.seconds = word(b, at) & 0xffff_ffffL;
        long fraction = word(b, at + 4) & 0xffff_ffffL;
        f.nanoseconds = nanoseconds ? fraction : fraction * 1000;
        f.capturedLength = word(b, at + 8);
        f.originalLength = word(b, at + 12);
    }

    /** A 32-bit field in the file's byte order (see {@link PcapReader}). */
    private int word(byte[] b, int at) {
        return swapped ? (int) LITTLE_ENDIAN_INT.get(b, at) : (int) BIG_ENDIAN_INT.get(b, at);
    }
}
