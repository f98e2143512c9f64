package mobility.store;

/**
 * A daemon thread of the store that waits on {@link #lock} for work and, once {@link #close} has set {@link #closed},
 * finishes what it has and returns: the group commit's committer and the deferred fsync.
 */
abstract class StoreThread implements AutoCloseable {

    final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    boolean closed;
    private final Thread thread;

    StoreThread(String name) {
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Called by the subclass once its own fields are set. */
    final void start() {
        thread.start();
    }

    abstract void run();

    /** Lets the thread finish what it has, then waits for it (at most 10 s). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notify();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
