package mobility.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;

class HomeBindingCacheTest {

    long nowMillis = 1_000_000;
    final List<String> events = new ArrayList<>();

    HomeBindingCache cache(int refreshBefore) {
        TimerWheel wheel = new TimerWheel(256, 100, TimeUnit.MILLISECONDS,
                () -> TimeUnit.MILLISECONDS.toNanos(nowMillis));
        return new HomeBindingCache(wheel, () -> nowMillis, new HomeBindingCache.Timers() {
            @Override
            public void expired(Binding b) {
                events.add("expired " + b.homeAddress());
            }

            @Override
            public void refreshDue(Binding b) {
                events.add("refresh " + b.homeAddress());
            }
        }, refreshBefore);
    }

    Binding binding(int host, int seq, int lifetime) {
        return new Binding(Ipv6Address.of(0x20010db800010000L, host), Ipv6Address.of(0x20010db800020000L, host),
                Ipv6Address.parse("2001:db8:1::1"), seq,
                Binding.HOME_REGISTRATION, lifetime, nowMillis, nowMillis + lifetime * 1000L, List.of());
    }

    void at(long millis, HomeBindingCache c) {
        nowMillis = millis;
        c.advance();
    }

    @Test
    void aBindingExpiresAtItsLifetimeAndLeavesTheCache() {
        HomeBindingCache c = cache(0);
        Binding b = binding(1, 1, 40);
        c.put(b);
        assertEquals(b, c.lookup(b.homeAddress()).orElseThrow());
        at(1_000_000 + 39_900, c);
        assertEquals(List.of(), events);
        at(1_000_000 + 40_000, c);
        assertEquals(List.of("expired " + b.homeAddress()), events);
        assertTrue(c.lookup(b.homeAddress()).isEmpty());
        assertEquals(0, c.size());
    }

    @Test
    void aRefreshRestartsTheLifetime() {
        HomeBindingCache c = cache(0);
        c.put(binding(1, 1, 40));
        at(1_030_000, c);
        Binding refreshed = binding(1, 2, 40);
        assertEquals(1, c.put(refreshed).sequence());
        at(1_045_000, c);
        assertEquals(List.of(), events, "the old lifetime must not expire the refreshed binding");
        at(1_070_000, c);
        assertEquals(1, events.size());
    }

    @Test
    void deregistrationCancelsTheTimers() {
        HomeBindingCache c = cache(10);
        Binding b = binding(1, 1, 40);
        c.put(b);
        assertEquals(b, c.remove(b.homeAddress()));
        assertNull(c.remove(b.homeAddress()));
        at(1_100_000, c);
        assertEquals(List.of(), events);
    }

    @Test
    void aBindingRefreshRequestIsDueBeforeExpiry() {
        HomeBindingCache c = cache(10);
        Binding b = binding(7, 1, 40);
        c.put(b);
        at(1_030_000, c);
        assertEquals(List.of("refresh " + b.homeAddress()), events);
        at(1_040_000, c);
        assertEquals(List.of("refresh " + b.homeAddress(), "expired " + b.homeAddress()), events);
    }

    @Test
    void snapshotIsOrderedByHomeAddress() {
        HomeBindingCache c = cache(0);
        c.put(binding(3, 1, 40));
        c.put(binding(1, 1, 40));
        c.put(binding(2, 1, 40));
        assertEquals(List.of(1L, 2L, 3L), c.snapshot().stream().map(b -> b.homeAddress().low()).toList());
    }
}
