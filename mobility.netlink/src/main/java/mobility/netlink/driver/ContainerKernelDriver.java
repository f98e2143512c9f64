package mobility.netlink.driver;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.Addresses;
import mobility.api.kernel.CapabilityProbe;
import mobility.api.kernel.Ipv6Settings;
import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.Links;
import mobility.api.kernel.Neighbours;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Routes;
import mobility.api.kernel.Rules;
import mobility.api.kernel.XfrmPolicies;
import mobility.api.kernel.XfrmStates;

/**
 * The {@link KernelDriver} service of the container's namespace: the one the JVM runs in, or the one named by the
 * framework property {@value #NAMESPACE_PROPERTY} (for a container that drives a namespace from outside). A
 * framework property rather than a configuration: the driver sweeps its namespace when it starts, and must never
 * start once in the wrong namespace while a configuration is on its way. Starting removes what a crashed run of the
 * platform left; stopping the bundle removes every kernel object the platform made and restores the IPv6 settings.
 */
@Component(service = KernelDriver.class, immediate = true)
public class ContainerKernelDriver implements KernelDriver {

    static final String NAMESPACE_PROPERTY = "mobility.netns";

    private final NetlinkKernelDriver driver;

    @Activate
    public ContainerKernelDriver(BundleContext context, @Reference CapabilityProbe probe) {
        String name = context.getProperty(NAMESPACE_PROPERTY);
        NetworkNamespace namespace = name == null || name.isBlank() ? NetworkNamespace.current()
                : NetworkNamespace.named(name.trim());
        driver = NetlinkKernelDriver.open(namespace, probe::capabilities);
    }

    @Deactivate
    void deactivate() {
        driver.close();
    }

    @Override
    public NetworkNamespace namespace() {
        return driver.namespace();
    }

    @Override
    public Links links() {
        return driver.links();
    }

    @Override
    public Addresses addresses() {
        return driver.addresses();
    }

    @Override
    public Routes routes() {
        return driver.routes();
    }

    @Override
    public Rules rules() {
        return driver.rules();
    }

    @Override
    public Neighbours neighbours() {
        return driver.neighbours();
    }

    @Override
    public Ipv6Settings ipv6Settings() {
        return driver.ipv6Settings();
    }

    @Override
    public XfrmPolicies xfrmPolicies() {
        return driver.xfrmPolicies();
    }

    @Override
    public XfrmStates xfrmStates() {
        return driver.xfrmStates();
    }

    @Override
    public KernelBatch batch() {
        return driver.batch();
    }

    @Override
    public KernelCapabilities capabilities() {
        return driver.capabilities();
    }

    @Override
    public int removePlatformObjects() {
        return driver.removePlatformObjects();
    }
}
