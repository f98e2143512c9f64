package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** A listener's registration; closing it stops the deliveries. */
@ProviderType
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
