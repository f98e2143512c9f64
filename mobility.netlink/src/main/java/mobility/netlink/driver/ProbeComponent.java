package mobility.netlink.driver;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.CapabilityProbe;
import mobility.api.kernel.KernelCapabilities;
import mobility.netlink.probe.CapabilityProber;

/** The {@link CapabilityProbe} service: probes once when the bundle starts, and again when asked. */
@Component(service = CapabilityProbe.class, immediate = true)
public class ProbeComponent implements CapabilityProbe {

    private volatile KernelCapabilities capabilities;

    @Activate
    public ProbeComponent() {
        capabilities = CapabilityProber.probe();
    }

    @Override
    public KernelCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public KernelCapabilities probe() {
        capabilities = CapabilityProber.probe();
        return capabilities;
    }
}
