package mobility.tunnel;

import mobility.api.kernel.KernelDriver;
import mobility.netlink.rtnl.NetlinkLocalTableRule;
import mobility.netlink.socket.PacketSocketsComponent;
import mobility.netlink.socket.RawSocketsComponent;
import mobility.netlink.socket.TunDevicesComponent;
import mobility.netlink.seg6.Seg6TunnelSourceComponent;
import mobility.netlink.tool.NftTablesComponent;

/** Every provider over one namespace's driver, outside a framework: for the tests and the benchmark. */
public final class Providers {

    private Providers() {
    }

    public static TunnelSwitch dataPlane(KernelDriver driver) {
        return dataPlane(driver, new Ip6tnlProvider(driver));
    }

    static TunnelSwitch dataPlane(KernelDriver driver, Ip6tnlProvider ip6tnl) {
        var ns = driver.namespace();
        TunnelSwitch plane = new TunnelSwitch();
        plane.addProvider(new Seg6Provider(ns, driver, new NetlinkLocalTableRule(), new Seg6TunnelSourceComponent(),
                new NftTablesComponent(), new PacketSocketsComponent(), new RawSocketsComponent()));
        // -Dmobility.tunnel.tun.joinInKernel=false: the benchmark's way to the raw-socket path (TunConfiguration).
        plane.addProvider(new TunProvider(ns, driver, new TunDevicesComponent(), new RawSocketsComponent(),
                Boolean.parseBoolean(System.getProperty("mobility.tunnel.tun.joinInKernel", "true"))));
        plane.addProvider(ip6tnl);
        return plane;
    }
}
