package mobility.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
        store.remove(binding(2, 8).homeAddress()).toCompletableFuture().join();
        store.close();

        MvBindingStore reopened = new MvBindingStore(f);
        Map<Ipv6Address, Binding> back = reopened.loadAll().stream()
                .collect(Collectors.toMap(Binding::homeAddress, Function.identity()));
        reopened.close();
        assertEquals(2, back.size());
        assertEquals(mr, back.get(mr.homeAddress()));
        assertEquals(binding(1, 7), back.get(binding(1, 7).homeAddress()));
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
}
