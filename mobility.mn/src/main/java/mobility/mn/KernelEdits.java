package mobility.mn;

import mobility.api.kernel.Address;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.Route;

/**
 * The few address and route edits the mobile node makes to the kernel, each tolerant of what is already so: the
 * kernel changes addresses and routes by itself (autoconfiguration, lifetimes, links going), so an address may be
 * there already or a route gone before the node gets to it.
 */
final class KernelEdits {

    private KernelEdits() {
    }

    /**
     * Adds the address unless it is there; true when it was added. Not a replace: the kernel answers a replace of an
     * existing address by dropping every other local route for it, such as the one a tunnel provider keeps for
     * delivering decapsulated packets to the home address.
     */
    static boolean ensure(KernelDriver kernel, Address a) {
        if (a == null) {
            return false;
        }
        for (Address present : kernel.addresses().list()) {
            if (present.ifindex() == a.ifindex() && present.prefix().equals(a.prefix())) {
                return false;
            }
        }
        kernel.addresses().add(a);
        return true;
    }

    static void remove(KernelDriver kernel, Address a) {
        if (a == null) {
            return;
        }
        try {
            kernel.addresses().remove(a.ifindex(), a.prefix());
        } catch (KernelException e) {
            // Not there: nothing to remove.
        }
    }

    /** Removes the route; false when it was gone already. */
    static boolean remove(KernelDriver kernel, Route r) {
        try {
            kernel.routes().remove(r);
            return true;
        } catch (KernelException e) {
            // Gone already.
            return false;
        }
    }
}
