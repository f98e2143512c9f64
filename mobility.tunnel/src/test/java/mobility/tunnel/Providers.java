package mobility.tunnel;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelFeature;
import mobility.netlink.rtnl.NetlinkLocalTableRule;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.PacketSocketsComponent;
import mobility.netlink.socket.LinuxEbpf;
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
        plane.addProvider(new BpfProvider(ns, driver, new LinuxEbpf(), new RawSocketsComponent()));
        return plane;
    }

    /**
     * Skips a test of a kernel provider where this kernel lacks what it needs, naming the probe's evidence: without
     * this, configuring the missing provider would quietly test the next best one. These tests carry the tag
     * {@link KernelFeatures#GUEST}, so the guest lane runs them on Debian's kernel, which has seg6 and ip6tnl.
     */
    static void assumeKernelHas(String provider) {
        switch (provider) {
            case Seg6Provider.NAME -> {
                KernelFeatures.assumePresent(KernelFeature.SEG6);
                KernelFeatures.assumePresent(KernelFeature.SEG6LOCAL);
            }
            case Ip6tnlProvider.NAME -> KernelFeatures.assumePresent(KernelFeature.IP6TNL);
            case BpfProvider.NAME -> {
                String where = "runs on a kernel with lwtunnel BPF and TCX (Linux 6.6), such as this machine's";
                KernelFeatures.assumePresent(KernelFeature.LWT_BPF, where);
                KernelFeatures.assumePresent(KernelFeature.TCX, where);
            }
            default -> { }
        }
    }

    /** Whether this kernel has what the provider needs (the user-space provider needs only TUN). */
    static boolean kernelHas(String provider) {
        var caps = KernelFeatures.capabilities();
        return switch (provider) {
            case Seg6Provider.NAME -> caps.supports(KernelFeature.SEG6) && caps.supports(KernelFeature.SEG6LOCAL);
            case Ip6tnlProvider.NAME -> caps.supports(KernelFeature.IP6TNL);
            case BpfProvider.NAME -> caps.supports(KernelFeature.LWT_BPF) && caps.supports(KernelFeature.TCX);
            default -> caps.supports(KernelFeature.TUN);
        };
    }
}
