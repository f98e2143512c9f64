package mobility.netlink.tool;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.net.Ipv6Address;

/** The {@link Seg6TunnelSource} service over iproute2's {@code ip sr tunsrc} (the SEG6 generic netlink family). */
@Component(service = Seg6TunnelSource.class)
public class IpSrTunnelSource implements Seg6TunnelSource {

    @Override
    public Ipv6Address get(NetworkNamespace namespace) {
        String out = Commands.run(namespace, List.of("ip", "sr", "tunsrc", "show"), null, "ip sr tunsrc show").trim();
        // "tunsrc addr 2001:db8:1::1"
        String[] words = out.split("\\s+");
        return Ipv6Address.parse(words[words.length - 1]);
    }

    @Override
    public void set(NetworkNamespace namespace, Ipv6Address source) {
        Commands.run(namespace, List.of("ip", "sr", "tunsrc", "set", source.toString()), null,
                "ip sr tunsrc set " + source);
    }
}
