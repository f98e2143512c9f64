package mobility.tunnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.BatchingTunnelProvider;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/**
 * A provider as the services the framework sees: the {@link TunnelProvider} and its counters as the statistics scope
 * {@code tunnel.NAME}. Each provider's component makes its provider and closes it when deactivated.
 */
abstract class ProviderService implements BatchingTunnelProvider, MobilityStatistics {

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

    /** The provider's own batch when it has one; otherwise each change by itself. */
    @Override
    public List<TunnelChange.Outcome> apply(List<TunnelChange> changes) {
        if (provider instanceof BatchingTunnelProvider batching) {
            return batching.apply(changes);
        }
        List<TunnelChange.Outcome> out = new ArrayList<>();
        for (TunnelChange c : changes) {
            try {
                if (c.opens()) {
                    out.add(TunnelChange.Outcome.done(provider.open(c.spec())));
                } else if (c.closes()) {
                    c.tunnel().close();
                    out.add(TunnelChange.Outcome.done(null));
                } else {
                    c.tunnel().update(c.spec());
                    out.add(TunnelChange.Outcome.done(c.tunnel()));
                }
            } catch (TunnelException e) {
                out.add(TunnelChange.Outcome.failed(e));
            } catch (RuntimeException e) {
                out.add(TunnelChange.Outcome.failed(new TunnelException(e.getMessage(), e)));
            }
        }
        return out;
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
