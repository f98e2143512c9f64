package mobility.api.tunnel;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** A live tunnel. Closing it removes every kernel object it installed. */
@ProviderType
public interface Tunnel extends AutoCloseable {

    TunnelSpec spec();

    /** Moves the tunnel in place (new care-of address): routes and decapsulation follow, nothing is torn down. */
    void update(TunnelSpec spec) throws TunnelException;

    /** Packets and bytes each way, drops by reason. */
    Map<String, Long> counters();

    @Override
    void close();
}
