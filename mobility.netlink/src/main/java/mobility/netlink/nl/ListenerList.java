package mobility.netlink.nl;

import java.util.concurrent.CopyOnWriteArrayList;

import mobility.api.kernel.Change;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.Subscription;

/**
 * The listeners of one kind of kernel object; notified on the event thread. The first listener triggers
 * {@code firstListener} (the driver joins the multicast group then), so that nobody pays for events nobody hears.
 */
public final class ListenerList<T> {

    private final CopyOnWriteArrayList<KernelListener<T>> listeners = new CopyOnWriteArrayList<>();
    private final Runnable firstListener;
    private boolean joined;

    public ListenerList() {
        this(() -> {
        });
    }

    public ListenerList(Runnable firstListener) {
        this.firstListener = firstListener;
    }

    public Subscription add(KernelListener<T> listener) {
        synchronized (this) {
            if (!joined) {
                firstListener.run();
                joined = true;
            }
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens: events are decoded only then. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Tells every listener that notifications were lost. */
    public void fireLost() {
        for (KernelListener<T> l : listeners) {
            l.eventsLost();
        }
    }

    public void fire(Change change, T object) {
        if (object == null) {
            return;
        }
        for (KernelListener<T> l : listeners) {
            l.changed(change, object);
        }
    }
}
