package mobility.api.kernel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives changes of one kind of kernel object. Called on the driver's single event thread, in the order the kernel
 * sent them: return quickly and hand long work to a thread of your own.
 */
@ConsumerType
@FunctionalInterface
public interface KernelListener<T> {

    void changed(Change change, T object);

    /**
     * The kernel dropped notifications because they came faster than they were read (the socket's receive buffer
     * overflowed): some changes were never told. Whoever keeps state from the events lists the objects again.
     */
    default void eventsLost() {
    }
}
