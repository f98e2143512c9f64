package mobility.tunnel;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.TunDevices;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/** The user-space TUN provider of the container's namespace, and its counters as statistics scope tunnel.tun. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + TunProvider.NAME, MobilityStatistics.SCOPE + "=tunnel.tun"})
public class TunProviderComponent implements TunnelProvider, MobilityStatistics {

    private final TunProvider provider;

    @Activate
    public TunProviderComponent(@Reference KernelDriver driver, @Reference TunDevices tunDevices,
            @Reference RawSockets rawSockets) {
        provider = new TunProvider(driver.namespace(), driver, tunDevices, rawSockets);
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
        return "tunnel." + TunProvider.NAME;
    }

    @Override
    public Map<String, Long> counters() {
        return provider.counters();
    }
}
