package mobility.api.stats;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The counters of one owner (a role, the signalling path, a tunnel provider): messages sent and received per type,
 * acknowledgements by status, drops by reason, encapsulations, decapsulations. {@code mip:stats} shows every
 * registered instance.
 */
@ConsumerType
public interface MobilityStatistics {

    /** Service property naming the owner, e.g. {@code home-agent}, {@code signalling}, {@code tunnel.seg6}. */
    String SCOPE = "mobility.stats.scope";

    /** The owner's name, the same value as the {@value #SCOPE} service property. */
    String scope();

    /** A consistent-enough snapshot: counter name (dotted, e.g. {@code ba.sent.status.135}) to value. */
    Map<String, Long> counters();
}
