package mobility.tunnel;

import java.util.HashMap;
import java.util.Map;

/**
 * Kernel objects that several tunnels of one provider need at the same time, counted per holder, so that the first
 * tunnel to need one installs it and the last to let go removes it. Two cases make this necessary on a home agent:
 * every tunnel decapsulates to the same local end (one seg6local route for the home agent's address serves all of
 * them), and several home addresses may sit behind one care-of address (RFC 6275 §10.1 lets each mobile node, and a
 * mobile router's prefixes, register separately), which gives identical decapsulation rules. Without the count the
 * second open fails with EEXIST and the first close breaks every other binding's reverse tunnel.
 *
 * <p>An object is known by a key; the value is the variant installed (a route to the same destination in the same
 * table may differ in its device): the latest holder's variant wins, as a route replace does in the kernel.
 */
final class SharedKernelObjects {

    private static final class Holding {
        Object installed;
        int holders;
    }

    private final Map<Object, Holding> holdings = new HashMap<>();

    /** A plan starts to need {@code value} under {@code key}: true when the kernel must be asked to install it. */
    synchronized boolean hold(Object key, Object value) {
        Holding h = holdings.computeIfAbsent(key, k -> new Holding());
        h.holders++;
        if (h.holders == 1 || !h.installed.equals(value)) {
            h.installed = value;
            return true;
        }
        return false;
    }

    /** A plan that holds {@code key} now needs the variant {@code value}: true when the kernel must be told. */
    synchronized boolean change(Object key, Object value) {
        Holding h = holdings.get(key);
        if (h == null) {
            return hold(key, value);
        }
        if (h.installed.equals(value)) {
            return false;
        }
        h.installed = value;
        return true;
    }

    /**
     * A plan no longer needs {@code key}: the object to remove from the kernel when it was the last holder (or when
     * nothing counted it, then the caller's own {@code value}), otherwise null.
     */
    synchronized Object release(Object key, Object value) {
        Holding h = holdings.get(key);
        if (h == null) {
            return value;
        }
        if (--h.holders > 0) {
            return null;
        }
        holdings.remove(key);
        return h.installed;
    }

    /** How many plans hold {@code key} (for tests and counters). */
    synchronized int holders(Object key) {
        Holding h = holdings.get(key);
        return h == null ? 0 : h.holders;
    }
}
