package mobility.ha;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingStore;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.store.MvBindingStore;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * {@code ./mobility bench ha}: home registrations per second through the home agent's own path (decode, checks,
 * binding cache, acknowledgement encode) on the worker model it runs with, the same with the durable store's group
 * commit, and heap per binding at 100k and 1M bindings. Kernel work is measured by the end-to-end lanes, not here.
 */
public final class HomeAgentBenchmark {

    static final Ipv6Address HA = Ipv6Address.parse("2001:db8:1::1");
    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();

    public static void main(String[] args) throws Exception {
        boolean json = List.of(args).contains("--json");
        int n = intArg(args, "--updates", 400_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "ha");
        out.put("workers", 2);
        progress("building " + n + " Binding Updates");
        List<SignallingPacket> first = updates(n, 1);
        List<SignallingPacket> refresh = updates(n, 2);
        run(first, null);
        run(refresh, null); // warm-up
        progress("in-process registrations");
        double regs = run(updates(n, 3), null);
        out.put("in_process_updates_per_s", Math.round(regs));
        Path dir = Files.createTempDirectory("mobility-bench-ha");
        try {
            // The store's own code warms up on a store of its own, so neither setting measured pays for it.
            MvBindingStore warmUp = new MvBindingStore(dir.resolve("warm-up.mv").toFile());
            try {
                run(refresh, warmUp);
            } finally {
                warmUp.close();
            }
            progress("with the durable store, durability written (MVStore group commit, fsync behind)");
            MvBindingStore store = new MvBindingStore(dir.resolve("bindings.mv").toFile());
            try {
                out.put("durable_updates_per_s", Math.round(run(first, store)));
                out.put("durable_commits", store.counters().get("store.commits"));
            } finally {
                store.close();
            }
            progress("with the durable store, durability synced (fsync per round)");
            MvBindingStore synced = new MvBindingStore(dir.resolve("synced.mv").toFile(), "synced", 0);
            try {
                out.put("durable_synced_updates_per_s", Math.round(run(first, synced)));
                out.put("durable_synced_commits", synced.counters().get("store.commits"));
            } finally {
                synced.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        progress("heap per binding");
        out.put("heap_bytes_per_binding_100k", heapPerBinding(100_000));
        long per1m = heapPerBinding(1_000_000);
        out.put("heap_bytes_per_binding_1m", per1m);
        out.put("heap_mb_for_1m_bindings", per1m * 1_000_000 / (1024 * 1024));
        if (json) {
            StringBuilder b = new StringBuilder("{\n");
            out.forEach((k, v) -> b.append("  \"").append(k).append("\": ")
                    .append(v instanceof String ? "\"" + v + "\"" : v).append(",\n"));
            b.setLength(b.length() - 2);
            System.out.println(b.append("\n}"));
        } else {
            System.out.printf("home registrations in-process: %,d updates/s (2 workers; decode, checks, cache, BA "
                    + "encode)%n", out.get("in_process_updates_per_s"));
            System.out.printf("with the durable store:        %,d updates/s (durability written: acknowledged once in "
                    + "the OS, fsync behind; %,d commits)%n", out.get("durable_updates_per_s"), out.get("durable_commits"));
            System.out.printf("                               %,d updates/s (durability synced: acknowledged only "
                    + "after fsync; %,d commits)%n", out.get("durable_synced_updates_per_s"),
                    out.get("durable_synced_commits"));
            System.out.printf("heap per binding: %d B at 100k, %d B at 1M (%d MB for 1M)%n",
                    out.get("heap_bytes_per_binding_100k"), out.get("heap_bytes_per_binding_1m"),
                    out.get("heap_mb_for_1m_bindings"));
        }
    }

    /** Feeds the updates from one thread (as the signalling path does) and waits for every acknowledgement. */
    static double run(List<SignallingPacket> updates, BindingStore store) throws Exception {
        AtomicLong acks = new AtomicLong();
        HomeAgentStatistics stats = new HomeAgentStatistics();
        try (Workers workers = new Workers(2, updates.size())) {
            HomeBindingCache cache = new HomeBindingCache(
                    new TimerWheel(4096, 100, TimeUnit.MILLISECONDS, System::nanoTime), System::currentTimeMillis,
                    new HomeBindingCache.Timers() {
                        @Override
                        public void expired(Binding binding) {
                        }

                        @Override
                        public void refreshDue(Binding binding) {
                        }
                    }, 0);
            HomeRegistrar registrar = new HomeRegistrar(new HomeRegistrar.Policy(
                    List.of(Ipv6Prefix.parse("2001:db8::/32")), 262, 10_000_000, false, true), p -> Long.MAX_VALUE);
            HomeRegistration r = new HomeRegistration(CODEC, registrar, cache, effects(store, acks), stats, workers,
                    System::currentTimeMillis, false, 0, p -> false, 256);
            long t0 = System.nanoTime();
            for (SignallingPacket p : updates) {
                // Decoded here as the signalling service decodes it, so the figure still includes the decoding.
                r.received(p, (BindingUpdate) CODEC.decode(p.message(), 0, p.message().length,
                        p.effectiveSource(), p.destination()));
            }
            while (acks.get() < updates.size()) {
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException("only " + acks.get() + " of " + updates.size() + " acknowledged; "
                            + stats.snapshot());
                }
                Thread.onSpinWait();
            }
            return updates.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static RegistrationEffects effects(BindingStore store, AtomicLong acks) {
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        return new RegistrationEffects() {
            @Override
            public CompletionStage<Boolean> duplicateDetected(Ipv6Address homeAddress, boolean linkLocalToo) {
                return CompletableFuture.completedFuture(false);
            }

            @Override
            public CompletionStage<Void> persist(Binding binding) {
                return store == null ? done : store.put(binding);
            }

            @Override
            public CompletionStage<Void> forget(Ipv6Address homeAddress) {
                return store == null ? done
                        : store.remove(mobility.api.binding.BindingKind.HOME_REGISTRATION,
                                new mobility.api.binding.BindingKey(Ipv6Address.UNSPECIFIED, homeAddress));
            }

            @Override
            public void install(Binding binding, Binding previous) {
            }

            @Override
            public void uninstall(Binding binding) {
            }

            @Override
            public void send(SignallingPacket packet) {
                acks.incrementAndGet();
            }

            @Override
            public void post(String topic, Binding binding) {
            }
        };
    }

    static List<SignallingPacket> updates(int n, int seq) {
        List<SignallingPacket> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Ipv6Address hoa = Ipv6Address.of(0x20010db8_00010000L, 0x1000_0000L + i);
            Ipv6Address coa = Ipv6Address.of(0x20010db8_00020000L, 0x1000_0000L + i);
            byte[] m = CODEC.encode(new BindingUpdate(seq, BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION,
                    100), hoa, HA);
            out.add(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 2, coa, HA, hoa, null, 64, m));
        }
        return out;
    }

    /** Heap used by the cache with {@code n} bindings, after a full GC, divided by n. */
    static long heapPerBinding(int n) throws InterruptedException {
        long before = usedAfterGc();
        HomeBindingCache cache = new HomeBindingCache(new TimerWheel(4096, 100, TimeUnit.MILLISECONDS,
                System::nanoTime), System::currentTimeMillis, new HomeBindingCache.Timers() {
                    @Override
                    public void expired(Binding binding) {
                    }

                    @Override
                    public void refreshDue(Binding binding) {
                    }
                }, 0);
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            cache.put(new Binding(Ipv6Address.of(0x20010db8_00010000L, i), Ipv6Address.of(0x20010db8_00020000L, i),
                    HA, 1, Binding.HOME_REGISTRATION | Binding.ACKNOWLEDGE, 420, now, now + 420_000, List.of()));
        }
        long after = usedAfterGc();
        if (cache.size() != n) {
            throw new IllegalStateException("cache holds " + cache.size());
        }
        return (after - before) / n;
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }


    static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }

    static void progress(String what) {
        // Progress goes to stderr in both modes so that --json keeps stdout to one document.
        System.err.println("bench ha: " + what + " ...");
    }

    private HomeAgentBenchmark() {
    }
}
