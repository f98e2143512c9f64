package mobility.netlink.nl;

import java.util.concurrent.CopyOnWriteArrayList;

import mobility.api.kernel.Change;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.Subscription;

/** The listeners of one kind of kernel object; notified on the event thread. */
public final class ListenerList<T> {

    private final CopyOnWriteArrayList<KernelListener<T>> listeners = new CopyOnWriteArrayList<>();

    public Subscription add(KernelListener<T> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens: events are decoded only then. */
    public boolean isEmpty() {
        return listeners.isEmpty();
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
