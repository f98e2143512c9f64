package mobility.wire;

/** One record of a pcap file. Reused by {@link PcapReader#next}: copy what must outlive the next call. */
public final class Frame {

    int number;
    long seconds;
    long nanoseconds;
    int capturedLength;
    int originalLength;
    /** Grown to the largest frame seen; small at first, so that a batch of Mobile IPv6 frames stays in cache. */
    byte[] data = new byte[256];

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

    /** Octets in {@link #data()} from offset 0. */
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

    public boolean truncated() {
        return capturedLength < originalLength;
    }
}
