package mobility.tunnel;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mobility.api.net.Ipv6Address;

/**
 * The user-space tunnel's table of open tunnels as its two data threads look them up, per packet and without making
 * objects: a home agent's tunnels by the home address they carry (a hash lookup, however many bindings), the rest —
 * mobile network prefixes (RFC 3963) and a mobile node's reverse tunnel, matched on its source — by a scan of the few
 * there are; and every tunnel by its far end, for decapsulation (RFC 6275 §10.4.5: only from a registered far end).
 * A tunnel is added and removed on its own, so opening or moving one costs the same with ten tunnels as with a
 * hundred thousand (rebuilding the whole table at each change made a home agent's registrations slower with every
 * binding it held).
 *
 * <p>Written under the provider's lock, read by the data threads without one: the maps are concurrent and the scanned
 * array is replaced whole.
 *
 * @param <T> what the data threads need of a tunnel
 */
final class TunnelIndex<T extends TunnelIndex.Indexed> {

    /** What the index needs to know of a tunnel. */
    interface Indexed {
        Ipv6Address local();

        Ipv6Address remote();

        /** The tunnel's spec: what it routes, and whether it is a reverse tunnel (matched on its source). */
        mobility.api.tunnel.TunnelSpec spec();
    }

    /**
     * An address as a hash key. The stored keys are never changed; each data thread looks up with a probe of its own
     * that it sets to the packet's address, so a lookup makes no object.
     */
    static final class Key {
        private long high;
        private long low;

        Key() {
        }

        Key(Ipv6Address address) {
            set(address.high(), address.low());
        }

        Key set(long high, long low) {
            this.high = high;
            this.low = low;
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.high == high && k.low == low;
        }

        @Override
        public int hashCode() {
            long h = high * 0x9E3779B97F4A7C15L ^ low;
            return (int) (h ^ h >>> 32);
        }
    }

    private static final int HOST = 128;

    private final Map<Key, T> byInnerDestination = new ConcurrentHashMap<>();
    private final Map<Key, Object[]> byRemote = new ConcurrentHashMap<>();
    private volatile Object[] scanned = new Object[0];
    private int forward;

    /** Whether the tunnel is found by the home address it carries rather than by a scan. */
    private static boolean hashed(Indexed t) {
        return t.spec().fromOnly() == null && t.spec().routed().size() == 1
                && t.spec().routed().get(0).length() == HOST;
    }

    void add(T t) {
        if (hashed(t)) {
            byInnerDestination.put(new Key(t.spec().routed().get(0).address()), t);
        } else {
            Object[] s = scanned;
            Object[] next = Arrays.copyOf(s, s.length + 1);
            next[s.length] = t;
            scanned = next;
        }
        byRemote.merge(new Key(t.remote()), new Object[] {t}, TunnelIndex::concat);
        if (t.spec().fromOnly() == null) {
            forward++;
        }
    }

    /** Removes {@code t}; true when it was the last tunnel to its far end. */
    boolean remove(T t) {
        if (hashed(t)) {
            byInnerDestination.remove(new Key(t.spec().routed().get(0).address()), t);
        } else {
            scanned = Arrays.stream(scanned).filter(o -> o != t).toArray();
        }
        Object[] left = byRemote.computeIfPresent(new Key(t.remote()), (k, v) -> {
            Object[] rest = Arrays.stream(v).filter(o -> o != t).toArray();
            return rest.length == 0 ? null : rest;
        });
        if (t.spec().fromOnly() == null) {
            forward--;
        }
        return left == null;
    }

    /** Whether a tunnel that home agents use (matched on the destination) is open. */
    boolean anyForward() {
        return forward > 0;
    }

    /** The tunnel for a packet from src to dst, or null: {@code carries} says whether a scanned tunnel takes it. */
    @SuppressWarnings("unchecked")
    T encapsulating(Key probe, long srcHigh, long srcLow, long dstHigh, long dstLow, Carrier<T> carries) {
        T t = byInnerDestination.get(probe.set(dstHigh, dstLow));
        if (t != null) {
            return t;
        }
        for (Object o : scanned) {
            if (carries.carries((T) o, srcHigh, srcLow, dstHigh, dstLow)) {
                return (T) o;
            }
        }
        return null;
    }

    /** The tunnels whose far end is this address (the elements are T), or null. */
    Object[] fromRemote(Key probe, long high, long low) {
        return byRemote.get(probe.set(high, low));
    }

    /** How a scanned tunnel says whether it carries a packet. */
    interface Carrier<T> {
        boolean carries(T tunnel, long srcHigh, long srcLow, long dstHigh, long dstLow);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
