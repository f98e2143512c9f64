package mobility.tunnel;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.LocalTableRule;
import mobility.api.kernel.NftTables;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.stats.MobilityStatistics;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/** The seg6 provider of the container's namespace, and its counters as statistics scope tunnel.seg6. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + Seg6Provider.NAME, MobilityStatistics.SCOPE + "=tunnel.seg6"})
public class Seg6ProviderComponent implements TunnelProvider, MobilityStatistics {

    private final Seg6Provider provider;

    @Activate
    public Seg6ProviderComponent(@Reference KernelDriver driver, @Reference LocalTableRule localRule,
            @Reference Seg6TunnelSource tunnelSource, @Reference NftTables nft, @Reference PacketSockets packetSockets,
            @Reference RawSockets rawSockets) {
        provider = new Seg6Provider(driver.namespace(), driver, localRule, tunnelSource, nft, packetSockets,
                rawSockets);
    }

    @Deactivate
    void deactivate() {
        provider.close();
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public int preference() {
        return provider.preference();
    }

    @Override
    public Availability availability() {
        return provider.availability();
    }

    @Override
    public Tunnel open(TunnelSpec spec) throws TunnelException {
        return provider.open(spec);
    }

    @Override
    public String scope() {
        return "tunnel." + Seg6Provider.NAME;
    }

    @Override
    public Map<String, Long> counters() {
        return provider.counters();
    }
}
