package mobility.ha;

import java.util.Map;

import mobility.api.stats.Counters;

/**
 * The home agent's counters, named like mip6d's statistics: messages received and sent per type,
 * acknowledgements by status, drops by reason, bindings added and removed.
 */
final class HomeAgentStatistics {

    private final Counters counters = new Counters();

    void count(String name) {
        counters.count(name);
    }

    void count(String name, long n) {
        counters.add(name, n);
    }

    /** A Binding Acknowledgement went out with {@code status} (§6.1.8). */
    void acknowledgementSent(int status) {
        counters.count("ba.sent");
        counters.count("ba.sent.status." + status);
    }

    long get(String name) {
        return counters.get(name);
    }

    Map<String, Long> snapshot() {
        return counters.snapshot();
    }
}
