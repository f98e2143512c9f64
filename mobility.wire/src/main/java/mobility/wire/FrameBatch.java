package mobility.wire;

import java.io.IOException;
import java.io.OutputStream;

import mobility.wire.PacketDescriber.Kind;

/**
 * A run of consecutive frames of a pcap file, copied whole on the reading thread, then decoded in place and rendered
 * on a decoder thread into its own buffer, so that batches decode in parallel and their lines are still written in
 * frame order. Reused: the reading thread and the one decoder thread it belongs to hand it back and forth through
 * its monitor ({@link #handOff}, {@link #decodeWhenFilled}, {@link #awaitDecoded}).
 */
final class FrameBatch {

    /** The hand-off states: empty (the reading thread's), filled (the decoder's), decoded (the reading thread's). */
    private static final int EMPTY = 0;
    private static final int FILLED = 1;
    private static final int DECODED = 2;
    /** The run is over: the decoder thread waiting for this batch ends. */
    private static final int CLOSED = 3;

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
    /** Guarded by this. */
    private int state = EMPTY;
    /** What decoding threw, thrown again on the reading thread. */
    private Throwable failure;

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

    /** On the reading thread, once filled: the batch is its decoder thread's until {@link #awaitDecoded}. */
    synchronized void handOff() {
        state = FILLED;
        notifyAll();
    }

    /**
     * On the decoder thread: waits for the batch to be filled, then decodes it; false, at once, when the run is
     * {@link #close closed}.
     */
    boolean decodeWhenFilled() throws InterruptedException {
        synchronized (this) {
            while (state != FILLED && state != CLOSED) {
                wait();
            }
            if (state == CLOSED) {
                return false;
            }
        }
        try {
            decode();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        synchronized (this) {
            if (state == FILLED) {
                state = DECODED;
                notifyAll();
            }
        }
        return true;
    }

    private void decode() {
        for (int i = 0, n = records.count(); i < n; i++) {
            records.frame(i, frame);
            kinds[decoder.decode(frame, renderer).ordinal()]++;
        }
    }

    /** On the reading thread: waits until the batch is decoded; what decoding threw is thrown here. */
    synchronized void awaitDecoded() throws InterruptedException {
        while (state != DECODED) {
            wait();
        }
        state = EMPTY;
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Ends the decoder thread that waits for, or will wait for, this batch. */
    synchronized void close() {
        state = CLOSED;
        notifyAll();
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
