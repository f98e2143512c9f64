package mobility.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Group commit: writers queue their change and wait on a future; one committer thread applies everything queued
 * since its last round, makes it durable once, and completes all those futures. Under load a round carries many
 * writes, so the fsync cost is shared instead of capping the write rate at one fsync per write.
 *
 * @param <T> a change to apply
 */
final class GroupCommit<T> extends StoreThread {

    /** Applies one change (not yet durable). */
    private final Consumer<T> apply;
    private final Runnable makeDurable;
    private List<Pending<T>> queue = new ArrayList<>();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong rounds = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    private record Pending<T>(T change, CompletableFuture<Void> done) {
    }

    GroupCommit(String name, Consumer<T> apply, Runnable makeDurable) {
        super(name);
        this.apply = apply;
        this.makeDurable = makeDurable;
        start();
    }

    CompletableFuture<Void> submit(T change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("the binding store is closed"));
                return done;
            }
            queue.add(new Pending<>(change, done));
            lock.notify();
        }
        return done;
    }

    @Override
    void run() {
        while (true) {
            List<Pending<T>> round;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                round = queue;
                queue = new ArrayList<>(Math.max(16, round.size()));
            }
            commit(round);
        }
    }

    private void commit(List<Pending<T>> round) {
        try {
            for (Pending<T> p : round) {
                apply.accept(p.change());
            }
            makeDurable.run();
        } catch (RuntimeException | Error e) {
            failures.incrementAndGet();
            round.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        rounds.incrementAndGet();
        writes.addAndGet(round.size());
        round.forEach(p -> p.done().complete(null));
    }
}
