package mobility.ha;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import mobility.api.net.Ipv6Address;

/**
 * A fixed set of single-threaded workers with bounded queues. All work for one home address goes to the same worker,
 * so a binding's updates, its DAD result and its store commit are handled in order without a lock per binding, and
 * a burst of Binding Updates queues up to a bound instead of growing threads or memory.
 */
final class Workers implements AutoCloseable {

    private final ThreadPoolExecutor[] workers;

    Workers(int count, int queueSize) {
        workers = new ThreadPoolExecutor[count];
        for (int i = 0; i < count; i++) {
            int n = i;
            workers[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
                Thread t = new Thread(r, "mobility-ha-worker-" + n);
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
        }
    }

    /** The worker that owns a home address. */
    Executor of(Ipv6Address homeAddress) {
        return workers[indexOf(homeAddress)];
    }

    /** The number of the worker that owns a home address. */
    int indexOf(Ipv6Address homeAddress) {
        return Math.floorMod(homeAddress.hashCode(), workers.length);
    }

    Executor at(int index) {
        return workers[index];
    }

    int count() {
        return workers.length;
    }

    /** Queues work for a home address; false when that worker's queue is full. */
    boolean submit(Ipv6Address homeAddress, Runnable work) {
        try {
            of(homeAddress).execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Work waiting in all queues. */
    int backlog() {
        int n = 0;
        for (ThreadPoolExecutor w : workers) {
            n += w.getQueue().size();
        }
        return n;
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor w : workers) {
            w.shutdown();
        }
        for (ThreadPoolExecutor w : workers) {
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
