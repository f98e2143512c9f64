package mobility.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fsync behind writes that completed before it ({@link Durability#WRITTEN}): a write is reported with
 * {@link #written()} once it is in the operating system, and this thread syncs the file at most {@code delay} after
 * the first write not yet synced, so one fsync covers every write of that interval and none of them waits for it.
 * What a power loss can take back is therefore bounded by the delay plus the fsync's own duration; the sync lag
 * counters show what it really was.
 */
final class DeferredSync extends StoreThread {

    private static final long NONE = Long.MIN_VALUE;
    private final Runnable sync;
    private final long delayNanos;
    /** System.nanoTime() of the first write since the last sync began; NONE when everything written is synced. */
    private long oldestUnsynced = NONE;
    final AtomicLong syncs = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** Milliseconds from the oldest write a sync covered to that sync's end: the last one and the largest. */
    final AtomicLong lastLagMillis = new AtomicLong();
    final AtomicLong maxLagMillis = new AtomicLong();

    DeferredSync(String name, Runnable sync, long delayMillis) {
        super(name);
        this.sync = sync;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        start();
    }

    /** A write reached the operating system and is not synced yet. */
    void written() {
        synchronized (lock) {
            if (oldestUnsynced == NONE) {
                oldestUnsynced = System.nanoTime();
                lock.notify();
            }
        }
    }

    @Override
    void run() {
        while (true) {
            long since;
            synchronized (lock) {
                try {
                    while (oldestUnsynced == NONE && !closed) {
                        lock.wait();
                    }
                    if (oldestUnsynced == NONE) {
                        return;
                    }
                    // Closing syncs at once: the store closes right after.
                    long due = oldestUnsynced + delayNanos;
                    for (long left = due - System.nanoTime(); left > 0 && !closed; left = due - System.nanoTime()) {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                since = oldestUnsynced;
                oldestUnsynced = NONE;
            }
            try {
                sync.run();
            } catch (RuntimeException | Error e) {
                failures.incrementAndGet();
                synchronized (lock) {
                    // Not on disk yet: try again one delay later rather than spin on a failing disk.
                    if (oldestUnsynced == NONE && !closed) {
                        oldestUnsynced = System.nanoTime();
                    }
                }
                continue;
            }
            syncs.incrementAndGet();
            long lag = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
            lastLagMillis.set(lag);
            maxLagMillis.accumulateAndGet(lag, Math::max);
        }
    }
}
