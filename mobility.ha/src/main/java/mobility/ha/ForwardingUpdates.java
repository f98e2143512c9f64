package mobility.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import mobility.api.binding.Binding;

/**
 * The forwarding changes (RFC 6275 §10.4.1: proxy Neighbor Discovery and the tunnel) of the bindings one worker has
 * committed, applied together: a change is queued on the worker, and the worker applies everything queued in one
 * batch after the work already waiting in its queue. Under a burst of Binding Updates the batch grows by itself;
 * alone, a change is applied at once. Each change's continuation (the acknowledgement) runs only after its kernel
 * state is in place (§10.3.1). Used on its worker's thread only.
 */
final class ForwardingUpdates {

    /**
     * One binding's change: {@code binding} replaces {@code previous} (either may be null: a new binding, or a
     * removal of {@code previous}); {@code then} gets null when done, or the failure.
     */
    record Change(Binding binding, Binding previous, Consumer<Exception> then) {

        boolean removes() {
            return binding == null;
        }

        Binding subject() {
            return binding != null ? binding : previous;
        }
    }

    /** Applies changes together; one failure or null per change, in order. */
    interface Applier {
        List<Exception> apply(List<Change> changes);
    }

    private final Executor worker;
    private final Applier applier;
    private final int batchSize;
    private final HomeAgentStatistics stats;
    private final List<Change> queued = new ArrayList<>();
    private boolean flushQueued;

    ForwardingUpdates(Executor worker, Applier applier, int batchSize, HomeAgentStatistics stats) {
        this.worker = worker;
        this.applier = applier;
        this.batchSize = batchSize;
        this.stats = stats;
    }

    /** Queues a change; on the worker's thread. */
    void add(Change change) {
        queued.add(change);
        if (!flushQueued) {
            flushQueued = true;
            try {
                worker.execute(this::flush);
            } catch (RejectedExecutionException full) {
                flush(); // the worker's queue is full: apply now rather than lose the change
            }
        }
    }

    void flush() {
        flushQueued = false;
        while (!queued.isEmpty()) {
            List<Change> batch = new ArrayList<>(queued.subList(0, Math.min(batchSize, queued.size())));
            queued.subList(0, batch.size()).clear();
            stats.count("kernel.batches");
            stats.count("kernel.batched", batch.size());
            List<Exception> failures = applier.apply(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).then().accept(failures.get(i));
            }
        }
    }
}
