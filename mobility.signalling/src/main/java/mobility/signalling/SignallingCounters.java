package mobility.signalling;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import mobility.api.signal.SignallingPacket;

/** Counters of the signalling path: received and sent per protocol and type, drops by reason. */
final class SignallingCounters {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    void increment(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    void add(String name, long value) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(value);
    }

    /** {@code received.mh.5}, {@code sent.icmp.135}... */
    void packet(String direction, SignallingPacket p) {
        increment(direction + (p.protocol() == SignallingPacket.MOBILITY_HEADER ? ".mh." : ".icmp.") + p.type());
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
