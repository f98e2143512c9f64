package mobility.tunnel;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.KernelDriver;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.TunnelProvider;

/** The ip6tnl provider of the container's namespace, and its counters as statistics scope tunnel.ip6tnl. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + Ip6tnlProvider.NAME, MobilityStatistics.SCOPE + "=tunnel.ip6tnl"})
public class Ip6tnlProviderComponent extends ProviderService {

    @Activate
    public Ip6tnlProviderComponent(@Reference KernelDriver driver) {
        super(new Ip6tnlProvider(driver));
    }

    @Deactivate
    void deactivate() {
        provider.close();
    }
}
