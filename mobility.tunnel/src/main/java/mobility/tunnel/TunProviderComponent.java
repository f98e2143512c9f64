package mobility.tunnel;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.TunDevices;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.TunnelProvider;

/** The user-space TUN provider of the container's namespace, and its counters as statistics scope tunnel.tun. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class}, configurationPid = TunConfiguration.PID,
        property = {TunnelProvider.NAME + "=" + TunProvider.NAME, MobilityStatistics.SCOPE + "=tunnel.tun"})
@Designate(ocd = TunConfiguration.class)
public class TunProviderComponent extends ProviderService {

    @Activate
    public TunProviderComponent(@Reference KernelDriver driver, @Reference TunDevices tunDevices,
            @Reference RawSockets rawSockets, TunConfiguration config) {
        super(new TunProvider(driver.namespace(), driver, tunDevices, rawSockets, config.joinInKernel()));
    }

    @Deactivate
    void deactivate() {
        provider.close();
    }
}
