package mobility.netlink.kernel;

import mobility.api.kernel.NetworkNamespace;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;

/**
 * A platform process that dies without cleaning up: it makes its kernel objects in the namespace named by its
 * argument, says READY, and waits to be killed with SIGKILL by {@link CleanupKernelTest}.
 */
public final class LeftoverMaker {

    private LeftoverMaker() {
    }

    public static void main(String[] args) throws InterruptedException {
        var capabilities = CapabilityProber.probe();
        NetlinkKernelDriver driver = NetlinkKernelDriver.open(NetworkNamespace.named(args[0]), () -> capabilities);
        PlatformObjects.create(driver);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
