package mobility.ha;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;

/**
 * The home agent's binding cache (RFC 6275 §10.1): a hash map from home address to binding for constant-time
 * lookups, and one timer wheel for every lifetime and every Binding Refresh Request (§10.3.1: "MAY send a Binding
 * Refresh Request before the lifetime expires"), so a million bindings cost no thread each.
 *
 * <p>Writers for the same home address are serialised by the caller (the home agent routes all Binding Updates of a
 * home address to the same worker); the wheel is guarded by this cache's lock.
 */
final class HomeBindingCache implements BindingCache {

    /** Callbacks from the wheel, run on the timer thread. */
    interface Timers {
        /** The binding's lifetime ran out. It is no longer in the cache. */
        void expired(Binding binding);

        /** Time to ask the mobile node to refresh (§6.1.2). */
        void refreshDue(Binding binding);
    }

    private static final class Entry {
        final Binding binding;
        TimerWheel.Timer expiry;
        TimerWheel.Timer refresh;

        Entry(Binding binding) {
            this.binding = binding;
        }
    }

    private final ConcurrentHashMap<Ipv6Address, Entry> entries = new ConcurrentHashMap<>();
    private final TimerWheel wheel;
    private final LongSupplier millis;
    private final Timers timers;
    private final int refreshBeforeExpirySeconds;

    /**
     * @param refreshBeforeExpirySeconds send a Binding Refresh Request this long before expiry; 0 for never
     */
    HomeBindingCache(TimerWheel wheel, LongSupplier millis, Timers timers, int refreshBeforeExpirySeconds) {
        this.wheel = wheel;
        this.millis = millis;
        this.timers = timers;
        this.refreshBeforeExpirySeconds = refreshBeforeExpirySeconds;
    }

    @Override
    public Optional<Binding> lookup(Ipv6Address homeAddress) {
        return Optional.ofNullable(get(homeAddress));
    }

    /** A home address has one home registration (§10.3.1): the key's local address must be the one it was sent to. */
    @Override
    public Optional<Binding> lookup(BindingKey key) {
        Binding b = get(key.homeAddress());
        return b != null && b.localAddress().equals(key.localAddress()) ? Optional.of(b) : Optional.empty();
    }

    @Override
    public BindingKind kind() {
        return BindingKind.HOME_REGISTRATION;
    }

    Binding get(Ipv6Address homeAddress) {
        Entry e = entries.get(homeAddress);
        return e == null ? null : e.binding;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public List<Binding> snapshot() {
        List<Binding> all = new ArrayList<>(entries.size());
        entries.values().forEach(e -> all.add(e.binding));
        all.sort(Comparator.comparing(Binding::homeAddress));
        return all;
    }

    /** Adds or replaces the binding of its home address and (re)arms its timers. Returns the one it replaced. */
    Binding put(Binding binding) {
        Entry fresh = new Entry(binding);
        long delayMillis = binding.expiresAtMillis() - millis.getAsLong();
        Entry old;
        synchronized (this) {
            old = entries.put(binding.homeAddress(), fresh);
            if (old != null) {
                cancel(old);
            }
            fresh.expiry = wheel.schedule(TimeUnit.MILLISECONDS.toNanos(delayMillis), t -> expire(fresh));
            long refreshDelay = delayMillis - TimeUnit.SECONDS.toMillis(refreshBeforeExpirySeconds);
            if (refreshBeforeExpirySeconds > 0 && refreshDelay > 0) {
                fresh.refresh = wheel.schedule(TimeUnit.MILLISECONDS.toNanos(refreshDelay),
                        t -> timers.refreshDue(fresh.binding));
            }
        }
        return old == null ? null : old.binding;
    }

    /** Removes the binding of a home address (deregistration, §10.3.2). Returns it, or null. */
    Binding remove(Ipv6Address homeAddress) {
        Entry old;
        synchronized (this) {
            old = entries.remove(homeAddress);
            if (old != null) {
                cancel(old);
            }
        }
        return old == null ? null : old.binding;
    }

    /** Runs the timers that are due; the home agent's timer thread calls this every tick. */
    int advance() {
        synchronized (this) {
            return wheel.advance();
        }
    }

    /** Called under the lock by the wheel. The entry may have been replaced since; then it is not ours to expire. */
    private void expire(Entry e) {
        if (entries.remove(e.binding.homeAddress(), e)) {
            wheel.cancel(e.refresh);
            timers.expired(e.binding);
        }
    }

    private void cancel(Entry e) {
        wheel.cancel(e.expiry);
        wheel.cancel(e.refresh);
    }

    /** Visits every binding (for restoring kernel state after a restart). */
    void forEach(Consumer<Binding> action) {
        entries.values().forEach(e -> action.accept(e.binding));
    }
}
