package mobility.tunnel;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters of a provider or a tunnel (encapsulated, decapsulated, dropped.REASON, ptb.sent). */
final class Counters {

    private final ConcurrentHashMap<String, LongAdder> values = new ConcurrentHashMap<>();

    LongAdder get(String name) {
        return values.computeIfAbsent(name, n -> new LongAdder());
    }

    void add(String name, long n) {
        get(name).add(n);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
