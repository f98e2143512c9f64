package mobility.ha;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The home agent's counters, named like mip6d's statistics: messages received and sent per type,
 * acknowledgements by status, drops by reason, bindings added and removed.
 */
final class HomeAgentStatistics {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    void acknowledgementSent(int status) {
        count("ba.sent");
        count("ba.sent.status." + status);
    }

    long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
