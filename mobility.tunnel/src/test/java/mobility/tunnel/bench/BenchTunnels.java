package mobility.tunnel.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.tunnel.TunnelSpec;
import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.probe.CapabilityProber;
import mobility.tunnel.TunnelSwitch;
import mobility.tunnel.Providers;

/**
 * The tunnels of {@code bench/dataplane}: a home agent's tunnel in one namespace and a mobile node's reverse tunnel
 * in another, on the provider named, run from the bundle jars on a plain class path. Prints {@code ready} when the
 * tunnels are up, then takes commands on standard input: {@code switch NAME}, {@code counters} (the home agent's,
 * then after {@code mn} the mobile node's); closes everything at end of input.
 *
 * <p>Usage: {@code BenchTunnels PROVIDER HA-NAMESPACE MN-NAMESPACE HA-ADDRESS CARE-OF-ADDRESS HOME-ADDRESS}
 */
public final class BenchTunnels {

    private BenchTunnels() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: BenchTunnels PROVIDER HA-NAMESPACE MN-NAMESPACE HA COA HOA");
            System.exit(2);
        }
        Ipv6Address ha = Ipv6Address.parse(args[3]);
        Ipv6Address coa = Ipv6Address.parse(args[4]);
        Ipv6Address hoa = Ipv6Address.parse(args[5]);
        var capabilities = CapabilityProber.probe();
        try (NetlinkKernelDriver haDriver = NetlinkKernelDriver.open(NetworkNamespace.named(args[1]), () -> capabilities);
                NetlinkKernelDriver mnDriver = NetlinkKernelDriver.open(NetworkNamespace.named(args[2]),
                        () -> capabilities)) {
            TunnelSwitch haPlane = Providers.dataPlane(haDriver);
            TunnelSwitch mnPlane = Providers.dataPlane(mnDriver);
            try {
                haPlane.configure(args[0]);
                mnPlane.configure(args[0]);
                haPlane.open(new TunnelSpec(ha, coa, 0, List.of(Ipv6Prefix.host(hoa)), null,
                        List.of(Ipv6Prefix.host(hoa))));
                mnPlane.open(new TunnelSpec(coa, ha, 0, List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(hoa),
                        List.of(Ipv6Prefix.DEFAULT)));
                System.out.println("ready " + haPlane.provider());
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("switch ")) {
                        haPlane.switchTo(line.substring(7).trim());
                        mnPlane.switchTo(line.substring(7).trim());
                        System.out.println("switched " + haPlane.provider());
                    } else if (line.equals("counters")) {
                        System.out.println("counters " + haPlane.tunnels().get(0).counters() + " mn "
                                + mnPlane.tunnels().get(0).counters());
                    }
                    System.out.flush();
                }
            } finally {
                haPlane.closeAll();
                mnPlane.closeAll();
            }
        }
    }
}
