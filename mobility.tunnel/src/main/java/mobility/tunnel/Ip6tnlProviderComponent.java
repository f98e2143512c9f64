package mobility.tunnel;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.KernelDriver;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/** The ip6tnl provider of the container's namespace, and its counters as statistics scope tunnel.ip6tnl. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + Ip6tnlProvider.NAME, MobilityStatistics.SCOPE + "=tunnel.ip6tnl"})
public class Ip6tnlProviderComponent implements TunnelProvider, MobilityStatistics {

    private final Ip6tnlProvider provider;

    @Activate
    public Ip6tnlProviderComponent(@Reference KernelDriver driver) {
        provider = new Ip6tnlProvider(driver);
    }

    @Deactivate
    void deactivate() {
        provider.close();
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
        return "tunnel." + Ip6tnlProvider.NAME;
    }

    @Override
    public Map<String, Long> counters() {
        return provider.counters();
    }
}
