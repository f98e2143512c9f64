package mobility.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

class MvBindingStoreTest {

    @TempDir
    Path dir;

    static Binding binding(int i, int seq) {
        return new Binding(Ipv6Address.of(0x20010db800010000L, i), Ipv6Address.of(0x20010db800020000L, i),
                Ipv6Address.parse("2001:db8:1::1"), seq,
                Binding.HOME_REGISTRATION, 420, 1_000_000L + i, 1_420_000L + i, List.of());
    }

    @Test
    void bindingsWrittenAreThereAfterReopening() {
        File f = dir.resolve("bindings.mv").toFile();
        MvBindingStore store = new MvBindingStore(f);
        Binding mr = new Binding(Ipv6Address.parse("2001:db8:1::100"), Ipv6Address.parse("2001:db8:2::100"),
                Ipv6Address.parse("2001:db8:1::1"), 65535,
                Binding.HOME_REGISTRATION | Binding.MOBILE_ROUTER, 60, 5L, 60_005L,
                List.of(Ipv6Prefix.parse("2001:db8:100::/48"), Ipv6Prefix.parse("2001:db8:101::/64")));
        store.put(mr).toCompletableFuture().join();
        store.put(binding(1, 7)).toCompletableFuture().join();
        store.put(binding(2, 8)).toCompletableFuture().join();
        store.remove(BindingKind.HOME_REGISTRATION, binding(2, 8).key()).toCompletableFuture().join();
        store.close();

        MvBindingStore reopened = new MvBindingStore(f);
        Map<Ipv6Address, Binding> back = reopened.loadAll().stream()
                .collect(Collectors.toMap(Binding::homeAddress, Function.identity()));
        reopened.close();
        assertEquals(2, back.size());
        assertEquals(mr, back.get(mr.homeAddress()));
        assertEquals(binding(1, 7), back.get(binding(1, 7).homeAddress()));
    }

    /**
     * A correspondent binding of the same home address as a home registration is stored beside it, under its local
     * address too, and removing one leaves the other.
     */
    @Test
    void correspondentBindingsLiveBesideHomeRegistrations() {
        File f = dir.resolve("both.mv").toFile();
        MvBindingStore store = new MvBindingStore(f);
        Binding home = binding(1, 7);
        Binding atCn = new Binding(home.homeAddress(), home.careOfAddress(), Ipv6Address.parse("2001:db8:3::c"), 9,
                Binding.ACKNOWLEDGE, 420, 5L, 420_005L, List.of());
        Binding atOtherAddress = new Binding(home.homeAddress(), home.careOfAddress(),
                Ipv6Address.parse("2001:db8:3::d"), 3, 0, 420, 5L, 420_005L, List.of());
        store.put(home).toCompletableFuture().join();
        store.put(atCn).toCompletableFuture().join();
        store.put(atOtherAddress).toCompletableFuture().join();
        store.remove(BindingKind.CORRESPONDENT, atOtherAddress.key()).toCompletableFuture().join();
        store.close();

        MvBindingStore reopened = new MvBindingStore(f);
        List<Binding> back = new ArrayList<>(reopened.loadAll());
        reopened.close();
        assertEquals(2, back.size(), back.toString());
        assertTrue(back.contains(home), back.toString());
        assertTrue(back.contains(atCn), back.toString());
        assertEquals(BindingKind.CORRESPONDENT, atCn.kind());
    }

    @Test
    void concurrentWritesShareCommits() throws Exception {
        MvBindingStore store = new MvBindingStore(dir.resolve("b.mv").toFile());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            all.add(store.put(binding(i, i & 0xffff)).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        Map<String, Long> c = store.counters();
        store.close();
        assertEquals(5000L, c.get("store.writes"));
        assertEquals(5000L, c.get("store.bindings"));
        assertTrue(c.get("store.commits") < 5000, "every write got its own commit: " + c);
    }

    @Test
    void aWriteAfterCloseFailsInsteadOfBeingLostSilently() {
        MvBindingStore store = new MvBindingStore(dir.resolve("c.mv").toFile());
        store.close();
        CompletableFuture<Void> f = store.put(binding(1, 1)).toCompletableFuture();
        assertTrue(f.isCompletedExceptionally());
    }

    @Test
    void writtenCompletesBeforeTheFsyncWhichFollowsWithinTheDelay() throws Exception {
        MvBindingStore store = new MvBindingStore(dir.resolve("w.mv").toFile(), "written", 300);
        try {
            long start = System.nanoTime();
            store.put(binding(1, 1)).toCompletableFuture().join();
            long ackMillis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> c = store.counters();
            assertEquals(1L, c.get("store.durability.written"));
            if (ackMillis < 300) {
                assertEquals(0L, c.get("store.syncs"), "the write waited for an fsync: " + c);
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (store.counters().get("store.syncs") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            c = store.counters();
            assertEquals(1L, c.get("store.syncs"), "one fsync covers the write: " + c);
            assertTrue(c.get("store.sync_lag_max_ms") >= 300, "the fsync started before the delay: " + c);
        } finally {
            store.close();
        }
    }

    /** What kill -9 leaves is what the operating system has: the file as it is, the store never closed. */
    @Test
    void aWrittenBindingIsInTheFileBeforeAnyFsyncAsAKilledProcessWouldLeaveIt() throws Exception {
        Path file = dir.resolve("k.mv");
        MvBindingStore store = new MvBindingStore(file.toFile(), "written", 10_000);
        Path copy = dir.resolve("after-kill.mv");
        try {
            store.put(binding(1, 7)).toCompletableFuture().join();
            store.put(binding(2, 8)).toCompletableFuture().join();
            assertEquals(0L, store.counters().get("store.syncs"));
            Files.copy(file, copy);
        } finally {
            store.close();
        }
        MvBindingStore reopened = new MvBindingStore(copy.toFile());
        try {
            assertEquals(List.of(binding(1, 7), binding(2, 8)), reopened.loadAll().stream()
                    .sorted((a, b) -> Integer.compare(a.sequence(), b.sequence())).toList());
        } finally {
            reopened.close();
        }
    }

    @Test
    void syncedCompletesOnlyAfterTheFsync() {
        MvBindingStore store = new MvBindingStore(dir.resolve("s.mv").toFile(), "synced", 100);
        try {
            store.put(binding(1, 1)).toCompletableFuture().join();
            Map<String, Long> c = store.counters();
            assertEquals(1L, c.get("store.durability.synced"));
            assertEquals(1L, c.get("store.syncs"), "completed before its fsync: " + c);
        } finally {
            store.close();
        }
    }

    @Test
    void anUnknownDurabilityIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MvBindingStore(dir.resolve("x.mv").toFile(), "eventually", 100));
        assertTrue(e.getMessage().contains("durability"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new MvBindingStore(dir.resolve("y.mv").toFile(), "written", -1));
    }
}
