package mobility.netlink.rtnl;

import mobility.api.kernel.KernelException;

/** Removal during clean-up: an object that vanished meanwhile (removed with its link, say) is not an error. */
public final class Sweep {

    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int ENODEV = 19;
    private static final int EADDRNOTAVAIL = 99;

    private Sweep() {
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
