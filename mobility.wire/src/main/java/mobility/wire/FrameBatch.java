package mobility.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;

import mobility.wire.PacketDescriber.Kind;

/**
 * A run of consecutive frames of a pcap file, read on the reading thread, then decoded and rendered on a worker into
 * its own buffer, so that batches decode in parallel and their lines are still written in frame order. Reused.
 */
final class FrameBatch implements Callable<FrameBatch> {

    /**
     * Enough frames that handing a batch to a worker costs nothing next to decoding it (a tenth of a millisecond of
     * work), few enough that the batches in flight and their lines stay in cache: 256 decoded a million frames
     * faster than 1024 did.
     */
    private static final int FRAMES = 256;
    /** Fewer frames when they are large, to bound the memory a batch holds. */
    private static final int OCTETS = 1 << 20;

    private final Frame[] frames = new Frame[FRAMES];
    private int count;
    private final FrameDecoder decoder;
    private final OutputBuffer lines = new OutputBuffer(1 << 18);
    private final LineRenderer renderer;
    private final long[] kinds = new long[Kind.values().length];

    FrameBatch(FrameDecoder decoder, boolean json) {
        this.decoder = decoder;
        this.renderer = LineRenderer.of(lines, json);
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = new Frame();
        }
    }

    /**
     * Reads the next frames; false when the file ended. The frames read before a {@link PcapFormatException} stay in
     * the batch.
     */
    boolean fill(PcapReader reader) throws IOException {
        count = 0;
        long octets = 0;
        while (count < FRAMES && octets < OCTETS) {
            Frame f = frames[count];
            if (!reader.next(f)) {
                return false;
            }
            count++;
            octets += f.capturedLength();
        }
        return true;
    }

    int size() {
        return count;
    }

    @Override
    public FrameBatch call() {
        for (int i = 0; i < count; i++) {
            kinds[decoder.decode(frames[i], renderer).ordinal()]++;
        }
        return this;
    }

    /** Writes the lines, adds the frames' kinds to {@code counts}, and empties the batch for reuse. */
    void drainTo(OutputStream out, long[] counts) throws IOException {
        lines.writeTo(out);
        for (int k = 0; k < kinds.length; k++) {
            counts[k] += kinds[k];
            kinds[k] = 0;
        }
        count = 0;
    }
}
