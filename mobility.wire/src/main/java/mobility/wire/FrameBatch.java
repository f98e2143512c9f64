package mobility.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;

import mobility.wire.PacketDescriber.Kind;

/**
 * A run of consecutive frames of a pcap file, copied whole on the reading thread, then decoded in place and rendered
 * on a worker into its own buffer, so that batches decode in parallel and their lines are still written in frame
 * order. Reused.
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

    /** The records, copied from the reader's buffer in one piece rather than frame by frame. */
    private final RecordBlock records = new RecordBlock(1 << 15, FRAMES);
    /** The frame being decoded: a view of one record of the block. */
    private final Frame frame = new Frame();
    private final FrameDecoder decoder;
    private final OutputBuffer lines = new OutputBuffer(1 << 18);
    private final LineRenderer renderer;
    private final long[] kinds = new long[Kind.values().length];

    FrameBatch(FrameDecoder decoder, boolean json) {
        this.decoder = decoder;
        this.renderer = LineRenderer.of(lines, json);
    }

    /**
     * Reads the next frames; false when the file ended. The frames read before a {@link PcapFormatException} stay in
     * the batch.
     */
    boolean fill(PcapReader reader) throws IOException {
        return reader.next(records, FRAMES, OCTETS);
    }

    int size() {
        return records.count();
    }

    @Override
    public FrameBatch call() {
        for (int i = 0, n = records.count(); i < n; i++) {
            records.frame(i, frame);
            kinds[decoder.decode(frame, renderer).ordinal()]++;
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
    }
}
