package mobility.netlink.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;
import mobility.api.kernel.Subscription;
import mobility.api.kernel.NetworkNamespace;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;

/**
 * {@code bench/netlink}: in a throw-away namespace, (1) the same 10,000 routes added by the driver in batches, one
 * request at a time, and by {@code ip -batch}; (2) the time from {@code ip link set ... down} to the link event
 * reaching a listener. Prints text, or one JSON document with {@code --json}. Needs root.
 */
public final class NetlinkBench {

    private static final int ROUTES = 10_000;
    private static final int ROUNDS = 5;
    private static final int LATENCY_SAMPLES = 200;
    private static final int TABLE = KernelMarks.FIRST_TABLE + 0x10;

    private final String namespace = "nlb-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private NetlinkKernelDriver driver;

    public static void main(String[] args) throws Exception {
        boolean json = Arrays.asList(args).contains("--json");
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("bench/netlink needs root (network namespaces, CAP_NET_ADMIN)");
            System.exit(2);
        }
        Map<String, Object> result = new NetlinkBench().run();
        System.out.println(json ? Json.write(result) : text(result));
    }

    private Map<String, Object> run() throws Exception {
        run("ip", "netns", "add", namespace);
        Thread cleanup = new Thread(() -> quietly("ip", "netns", "del", namespace));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            ip("link", "set", "lo", "up");
            ip("link", "add", "t-l0", "type", "veth", "peer", "name", "t-l1");
            ip("link", "set", "t-l1", "up");
            ip("link", "set", "t-l0", "up");
            var capabilities = CapabilityProber.probe();
            driver = NetlinkKernelDriver.open(NetworkNamespace.named(namespace), () -> capabilities);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kernel", System.getProperty("os.version"));
            result.put("cpus", Runtime.getRuntime().availableProcessors());
            result.put("routes", routeRates());
            result.put("link_down_event", latencies());
            driver.close();
            return result;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            quietly("ip", "netns", "del", namespace);
        }
    }

    /** Each round: ip -batch, the driver batched, the driver one by one; the table flushed in between. */
    private Map<String, Object> routeRates() throws Exception {
        int lo = driver.links().require("lo").index();
        List<Route> routes = new ArrayList<>(ROUTES);
        StringBuilder batch = new StringBuilder(ROUTES * 64);
        for (int i = 0; i < ROUTES; i++) {
            Ipv6Prefix prefix = new Ipv6Prefix(new Ipv6Address(0x20010db800000000L | (long) i << 16, 0), 64);
            routes.add(Route.to(prefix).table(TABLE).dev(lo));
            batch.append("route add ").append(prefix).append(" dev lo table ").append(TABLE)
                    .append(" proto ").append(KernelMarks.PROTOCOL).append('\n');
        }
        Path file = Files.createTempFile("netlink-bench", ".batch");
        try {
            Files.writeString(file, batch);
            List<Long> ip = new ArrayList<>();
            List<Long> batched = new ArrayList<>();
            List<Long> single = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                ip.add(rate(() -> ip("-6", "-batch", file.toString())));
                flush();
                batched.add(rate(() -> driver.routes().addAll(routes)));
                flush();
                single.add(rate(() -> routes.forEach(driver.routes()::add)));
                flush();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("count", ROUTES);
            out.put("rounds", ROUNDS);
            out.put("ip_batch_per_s", median(ip));
            out.put("driver_batched_per_s", median(batched));
            out.put("driver_one_by_one_per_s", median(single));
            out.put("batched_to_ip_ratio", round2((double) median(batched) / median(ip)));
            out.put("ip_batch_runs", ip);
            out.put("driver_batched_runs", batched);
            out.put("driver_one_by_one_runs", single);
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void flush() {
        ip("-6", "route", "flush", "table", Integer.toString(TABLE));
        int left = driver.routes().list(TABLE).size();
        if (left != 0) {
            throw new IllegalStateException(left + " routes left in table " + TABLE + " after the flush");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private long rate(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        long elapsed = System.nanoTime() - start;
        int installed = driver.routes().list(TABLE).size();
        if (installed != ROUTES) {
            throw new IllegalStateException("expected " + ROUTES + " routes, the kernel has " + installed);
        }
        return Math.round(ROUTES / (elapsed / 1e9));
    }

    /**
     * One long-lived {@code ip -batch -} so that process start-up is not measured: the clock starts when the
     * command line is handed to it and stops when the listener hears the link go down.
     */
    private Map<String, Object> latencies() throws Exception {
        BlockingQueue<Long> downs = new LinkedBlockingQueue<>();
        BlockingQueue<Long> ups = new LinkedBlockingQueue<>();
        Process ip = new ProcessBuilder("ip", "-n", namespace, "-batch", "-").redirectErrorStream(true).start();
        long[] samples = new long[LATENCY_SAMPLES];
        try (Subscription s = driver.links().subscribe((change, link) -> {
            if (link.name().equals("t-l0")) {
                (link.up() ? ups : downs).add(System.nanoTime());
            }
        })) {
            OutputStream commands = ip.getOutputStream();
            for (int i = -20; i < LATENCY_SAMPLES; i++) {
                downs.clear();
                long start = System.nanoTime();
                commands.write("link set t-l0 down\n".getBytes(StandardCharsets.US_ASCII));
                commands.flush();
                Long heard = downs.poll(5, TimeUnit.SECONDS);
                if (heard == null) {
                    throw new IllegalStateException("no down event within 5 s");
                }
                if (i >= 0) {
                    samples[i] = heard - start;
                }
                ups.clear();
                commands.write("link set t-l0 up\n".getBytes(StandardCharsets.US_ASCII));
                commands.flush();
                if (ups.poll(5, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no up event within 5 s");
                }
            }
            commands.close();
        } finally {
            ip.destroy();
            ip.waitFor(5, TimeUnit.SECONDS);
        }
        Arrays.sort(samples);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", LATENCY_SAMPLES);
        out.put("warmup", 20);
        out.put("p50_us", micros(samples[LATENCY_SAMPLES / 2]));
        out.put("p99_us", micros(samples[(int) Math.ceil(LATENCY_SAMPLES * 0.99) - 1]));
        out.put("max_us", micros(samples[LATENCY_SAMPLES - 1]));
        out.put("via", "ip -batch - (one process, commands written to its stdin)");
        return out;
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + out.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void quietly(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            System.err.println("could not run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> r) {
        Map<String, Object> routes = (Map<String, Object>) r.get("routes");
        Map<String, Object> lat = (Map<String, Object>) r.get("link_down_event");
        return String.format("netlink bench, kernel %s, %s CPUs%n"
                + "routes: %s added, median of %s rounds%n"
                + "  ip -batch               %10d routes/s  %s%n"
                + "  driver, batched         %10d routes/s  %s%n"
                + "  driver, one by one      %10d routes/s  %s%n"
                + "  batched / ip -batch     %10.2f (target: at least 0.5)%n"
                + "link down -> listener: p50 %s us, p99 %s us, max %s us (%s samples, %s)",
                r.get("kernel"), r.get("cpus"), routes.get("count"), routes.get("rounds"),
                routes.get("ip_batch_per_s"), routes.get("ip_batch_runs"), routes.get("driver_batched_per_s"),
                routes.get("driver_batched_runs"), routes.get("driver_one_by_one_per_s"),
                routes.get("driver_one_by_one_runs"), routes.get("batched_to_ip_ratio"), lat.get("p50_us"),
                lat.get("p99_us"), lat.get("max_us"), lat.get("samples"), lat.get("via"));
    }
}
