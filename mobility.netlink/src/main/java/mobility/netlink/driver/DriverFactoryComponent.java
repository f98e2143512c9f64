package mobility.netlink.driver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.CapabilityProbe;
import mobility.api.kernel.KernelDrivers;
import mobility.api.kernel.NetworkNamespace;

/** The {@link KernelDrivers} service; drivers still open when the bundle stops are closed (and swept) then. */
@Component(service = KernelDrivers.class)
public class DriverFactoryComponent implements KernelDrivers {

    private final CapabilityProbe probe;
    private final Set<NamespaceDriver> open = ConcurrentHashMap.newKeySet();

    @Activate
    public DriverFactoryComponent(@Reference CapabilityProbe probe) {
        this.probe = probe;
    }

    @Override
    public NamespaceDriver open(NetworkNamespace namespace) {
        NetlinkKernelDriver driver = NetlinkKernelDriver.open(namespace, probe::capabilities, open::remove);
        open.add(driver);
        return driver;
    }

    @Deactivate
    void deactivate() {
        for (NamespaceDriver driver : Set.copyOf(open)) {
            driver.close();
        }
    }
}
