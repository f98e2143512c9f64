package mobility.cn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;

/**
 * The correspondent node's binding cache (RFC 6275 §9.1): correspondent bindings by (local address, home address).
 * Expiry and Binding Refresh Requests (§9.5.5) run from {@link #tick}, which the node calls every second; a
 * correspondent's bindings live at most MAX_RR_BINDING_LIFETIME (420 s), so a one-second resolution is plenty.
 */
final class CorrespondentBindingCache implements BindingCache {

    private static final class Entry {
        final Binding binding;
        volatile boolean refreshRequested;

        Entry(Binding binding) {
            this.binding = binding;
        }
    }

    private final ConcurrentHashMap<BindingKey, Entry> entries = new ConcurrentHashMap<>();
    /** Local addresses that hold bindings, for a lookup by home address alone. */
    private final ConcurrentHashMap<Ipv6Address, Integer> homeAddresses = new ConcurrentHashMap<>();

    @Override
    public Optional<Binding> lookup(BindingKey key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.binding);
    }

    /** Whether any of this node's addresses holds a binding for the home address (§9.3.1). */
    @Override
    public Optional<Binding> lookup(Ipv6Address homeAddress) {
        if (!homeAddresses.containsKey(homeAddress)) {
            return Optional.empty();
        }
        for (Entry e : entries.values()) {
            if (e.binding.homeAddress().equals(homeAddress)) {
                return Optional.of(e.binding);
            }
        }
        return Optional.empty();
    }

    Binding get(BindingKey key) {
        Entry e = entries.get(key);
        return e == null ? null : e.binding;
    }

    @Override
    public BindingKind kind() {
        return BindingKind.CORRESPONDENT;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public List<Binding> snapshot() {
        List<Binding> all = new ArrayList<>(entries.size());
        entries.values().forEach(e -> all.add(e.binding));
        all.sort(Comparator.comparing(Binding::key));
        return all;
    }

    /** Adds or replaces the binding of its key; returns the one it replaced, or null. */
    Binding put(Binding b) {
        Entry old = entries.put(b.key(), new Entry(b));
        if (old == null) {
            homeAddresses.merge(b.homeAddress(), 1, Integer::sum);
        }
        return old == null ? null : old.binding;
    }

    /** Removes the binding of this key; returns it, or null. */
    Binding remove(BindingKey key) {
        Entry old = entries.remove(key);
        if (old != null) {
            homeAddresses.computeIfPresent(key.homeAddress(), (k, n) -> n == 1 ? null : n - 1);
        }
        return old == null ? null : old.binding;
    }

    /**
     * Expires what ran out at {@code nowMillis} and asks for a refresh (once per binding) when less than
     * {@code refreshBeforeMillis} is left (0: never).
     */
    void tick(long nowMillis, long refreshBeforeMillis, Consumer<Binding> expired, Consumer<Binding> refreshDue) {
        for (Entry e : entries.values()) {
            Binding b = e.binding;
            if (b.expiredAt(nowMillis)) {
                if (entries.remove(b.key(), e)) {
                    homeAddresses.computeIfPresent(b.homeAddress(), (k, n) -> n == 1 ? null : n - 1);
                    expired.accept(b);
                }
            } else if (refreshBeforeMillis > 0 && !e.refreshRequested
                    && b.expiresAtMillis() - nowMillis <= refreshBeforeMillis) {
                e.refreshRequested = true;
                refreshDue.accept(b);
            }
        }
    }
}
