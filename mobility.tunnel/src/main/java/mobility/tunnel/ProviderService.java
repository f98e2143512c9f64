package mobility.tunnel;

import java.util.Map;

import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/**
 * A provider as the services the framework sees: the {@link TunnelProvider} and its counters as the statistics scope
 * {@code tunnel.NAME}. Each provider's component makes its provider and closes it when deactivated.
 */
abstract class ProviderService implements TunnelProvider, MobilityStatistics {

    final CountedProvider provider;

    ProviderService(CountedProvider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public int preference() {
        return provider.preference();
    }

    @Override
    public Availability availability() {
        return provider.availability();
    }

    @Override
    public Tunnel open(TunnelSpec spec) throws TunnelException {
        return provider.open(spec);
    }

    @Override
    public String scope() {
        return "tunnel." + provider.name();
    }

    @Override
    public Map<String, Long> counters() {
        return provider.counters();
    }
}
