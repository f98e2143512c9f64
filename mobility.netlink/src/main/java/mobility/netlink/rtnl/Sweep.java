package mobility.netlink.rtnl;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import mobility.api.kernel.KernelException;

/** Removal during clean-up: an object that vanished meanwhile (removed with its link, say) is not an error. */
public final class Sweep {

    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int ENODEV = 19;
    private static final int EADDRNOTAVAIL = 99;

    private Sweep() {
    }

    /** Removes the objects that carry the platform's mark; returns how many were still there to remove. */
    public static <T> int remove(List<T> objects, Predicate<T> isPlatforms, Consumer<T> removal) {
        int removed = 0;
        for (T object : objects) {
            if (isPlatforms.test(object)) {
                removed += quietly(() -> removal.accept(object));
            }
        }
        return removed;
    }

    /** Runs the removal; 1 when it removed something, 0 when the object was already gone. */
    public static int quietly(Runnable removal) {
        try {
            removal.run();
            return 1;
        } catch (KernelException e) {
            int errno = e.errno();
            if (errno == ENOENT || errno == ESRCH || errno == ENODEV || errno == EADDRNOTAVAIL) {
                return 0;
            }
            throw e;
        }
    }
}
