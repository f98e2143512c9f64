package mobility.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;

class ForwardingUpdatesTest {

    final ExecutorService worker = Executors.newSingleThreadExecutor();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final HomeAgentStatistics stats = new HomeAgentStatistics();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    static Binding binding(int i) {
        Ipv6Address hoa = Ipv6Address.of(0x2001_0db8_0001_0000L, i);
        return new Binding(hoa, Ipv6Address.of(0x2001_0db8_0002_0000L, i), Ipv6Address.parse("2001:db8:1::1"), i,
                Binding.HOME_REGISTRATION, 100, 0, 100_000, List.of());
    }

    /** Queues {@code count} changes from one task of the worker, as a burst of store commits would. */
    void burst(ForwardingUpdates updates, int count) throws Exception {
        worker.submit(() -> {
            for (int i = 0; i < count; i++) {
                int n = i;
                updates.add(new ForwardingUpdates.Change(binding(n), null, failure -> log.add("then " + n + " "
                        + (failure == null ? "ok" : failure.getMessage()))));
            }
        }).get();
        worker.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    ForwardingUpdates.Applier recording(int failing) {
        return changes -> {
            log.add("apply " + changes.size());
            List<Exception> out = new ArrayList<>();
            for (ForwardingUpdates.Change c : changes) {
                out.add(c.binding().sequence() == failing ? new IllegalStateException("no route") : null);
            }
            return out;
        };
    }

    @Test
    void changesQueuedTogetherAreAppliedInOneBatchBeforeAnyIsAcknowledged() throws Exception {
        burst(new ForwardingUpdates(worker, recording(-1), 256, stats), 5);
        assertEquals(List.of("apply 5", "then 0 ok", "then 1 ok", "then 2 ok", "then 3 ok", "then 4 ok"), log);
        assertEquals(1, stats.get("kernel.batches"));
        assertEquals(5, stats.get("kernel.batched"));
    }

    @Test
    void batchesAreCutAtTheConfiguredSize() throws Exception {
        burst(new ForwardingUpdates(worker, recording(-1), 2, stats), 5);
        assertEquals(List.of("apply 2", "then 0 ok", "then 1 ok", "apply 2", "then 2 ok", "then 3 ok", "apply 1",
                "then 4 ok"), log);
    }

    @Test
    void aFailureReachesOnlyItsOwnChange() throws Exception {
        burst(new ForwardingUpdates(worker, recording(1), 256, stats), 3);
        assertEquals(List.of("apply 3", "then 0 ok", "then 1 no route", "then 2 ok"), log);
    }
}
