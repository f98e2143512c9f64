package mobility.netlink.rtnl;

import mobility.api.kernel.KernelMarks;

/** Refuses to create kernel objects without the platform's mark, so clean-up can always find them. */
public final class Marks {

    private Marks() {
    }

    public static <T> T requireProtocol(int protocol, T object) {
        if (protocol != KernelMarks.PROTOCOL) {
            throw new IllegalArgumentException("the platform creates objects with protocol " + KernelMarks.PROTOCOL
                    + " only (clean-up finds them by it), not " + protocol + ": " + object);
        }
        return object;
    }
}
