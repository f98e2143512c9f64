package mobility.tunnel;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.Ebpf;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.RawSockets;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.TunnelProvider;

/** The eBPF provider of the container's namespace, and its counters as statistics scope tunnel.bpf. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + BpfProvider.NAME, MobilityStatistics.SCOPE + "=tunnel.bpf"})
public class BpfProviderComponent extends ProviderService {

    @Activate
    public BpfProviderComponent(@Reference KernelDriver driver, @Reference Ebpf ebpf,
            @Reference RawSockets rawSockets) {
        super(new BpfProvider(driver.namespace(), driver, ebpf, rawSockets));
    }

    @Deactivate
    void deactivate() {
        provider.close();
    }
}
