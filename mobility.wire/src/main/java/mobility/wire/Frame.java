package mobility.wire;

import java.util.Arrays;

/**
 * One record of a pcap file. Reused by {@link PcapReader#next}: copy what must outlive the next call. Its octets are
 * {@code data()[offset(), offset() + capturedLength())}: from offset 0 when the reader filled it, within a
 * {@link RecordBlock}'s octets when it is a view of one of its records.
 */
public final class Frame {

    int number;
    long seconds;
    long nanoseconds;
    int capturedLength;
    int originalLength;
    /** Grown to the largest frame seen; small at first, so that a batch of Mobile IPv6 frames stays in cache. */
    byte[] data = new byte[256];
    int offset;

    /** 1 for the first record of the file. */
    public int number() {
        return number;
    }

    public long seconds() {
        return seconds;
    }

    public long nanoseconds() {
        return nanoseconds;
    }

    /** Octets in {@link #data()} from {@link #offset()}. */
    public int capturedLength() {
        return capturedLength;
    }

    /** Octets the frame had on the wire; more than captured when the capture cut it short. */
    public int originalLength() {
        return originalLength;
    }

    public byte[] data() {
        return data;
    }

    /** Where the frame's octets start in {@link #data()}. */
    public int offset() {
        return offset;
    }

    /** This frame with its octets copied from offset 0, for code that reads a frame from there. */
    Frame detached() {
        Frame f = new Frame();
        f.number = number;
        f.seconds = seconds;
        f.nanoseconds = nanoseconds;
        f.capturedLength = capturedLength;
        f.originalLength = originalLength;
        f.data = Arrays.copyOfRange(data, offset, offset + capturedLength);
        return f;
    }

    public boolean truncated() {
        return capturedLength < originalLength;
    }
}
