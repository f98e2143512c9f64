package mobility.signalling;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import mobility.api.kernel.Address;
import mobility.api.kernel.Addresses;
import mobility.api.kernel.Change;
import mobility.api.kernel.Subscription;
import mobility.api.net.Ipv6Address;

/**
 * This node's addresses, followed through the kernel's address events, for telling a Mobility Header addressed to
 * this node from one routed through it: a packet socket sees both (a home agent forwards Home Test Inits out of
 * reverse tunnels and Home Tests into tunnels, RFC 6275 §10.4.5, §5.2.3). An address may sit on several interfaces.
 */
final class LocalAddresses implements Predicate<Ipv6Address>, AutoCloseable {

    private final Map<Ipv6Address, Set<Integer>> interfaces = new ConcurrentHashMap<>();
    private final Subscription events;

    LocalAddresses(Addresses addresses) {
        // Subscribed before the listing, so that nothing added in between is missed; a duplicate is harmless.
        events = addresses.subscribe((change, a) -> note(a, change != Change.DELETED));
        for (Address a : addresses.list()) {
            note(a, true);
        }
    }

    private void note(Address a, boolean present) {
        Ipv6Address address = a.prefix().address();
        if (present) {
            interfaces.computeIfAbsent(address, k -> ConcurrentHashMap.newKeySet()).add(a.ifindex());
        } else {
            interfaces.computeIfPresent(address, (k, on) -> {
                on.remove(a.ifindex());
                return on.isEmpty() ? null : on;
            });
        }
    }

    @Override
    public boolean test(Ipv6Address address) {
        return interfaces.containsKey(address);
    }

    @Override
    public void close() {
        events.close();
    }
}
