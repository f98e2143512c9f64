package mobility.wire;

/**
 * The batches in flight between the reading thread and the decoder threads: a ring of {@code depth} batches a
 * thread, batch {@code s} of the run in slot {@code s % size()}, decoded by thread {@code s % threads}. Each batch
 * passes between the reading thread and its one decoder thread through its own monitor, so that a hand-off is a
 * notify (a futex call only when the other side sleeps), where a thread pool's queue and futures brought some sixty
 * JDK methods into the JIT's work at every start.
 */
final class DecoderRing {

    private final FrameBatch[] batches;
    private final Thread[] threads;

    DecoderRing(FrameDecoder decoder, boolean json, int threads, int depth) {
        batches = new FrameBatch[threads * depth];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new FrameBatch(decoder, json);
        }
        this.threads = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(new Decoder(t), "pcap decoder");
            thread.setDaemon(true);
            this.threads[t] = thread;
            thread.start();
        }
    }

    /** The number of batches. */
    int size() {
        return batches.length;
    }

    /** The batch for the run's batch number {@code s}. */
    FrameBatch batch(long s) {
        return batches[(int) (s % batches.length)];
    }

    /** Ends the decoder threads, each as soon as it is done with the batch in its hands. */
    void close() {
        for (FrameBatch b : batches) {
            b.close();
        }
    }

    /**
     * Decoder thread {@code first}'s loop: its batches in turn, {@code first}, {@code first + threads}, and so on
     * round the ring. A class rather than a lambda: linking a lambda's call site starts the method handle machinery,
     * which spins classes with its bytecode generator, milliseconds of every run's start.
     */
    private final class Decoder implements Runnable {

        private final int first;

        Decoder(int first) {
            this.first = first;
        }

        @Override
        public void run() {
            try {
                int i = first;
                while (batches[i].decodeWhenFilled()) {
                    i = (i + threads.length) % batches.length;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
