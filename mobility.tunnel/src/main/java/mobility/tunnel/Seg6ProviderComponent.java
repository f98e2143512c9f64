package mobility.tunnel;

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
import mobility.api.tunnel.TunnelProvider;

/** The seg6 provider of the container's namespace, and its counters as statistics scope tunnel.seg6. */
@Component(service = {TunnelProvider.class, MobilityStatistics.class},
        property = {TunnelProvider.NAME + "=" + Seg6Provider.NAME, MobilityStatistics.SCOPE + "=tunnel.seg6"})
public class Seg6ProviderComponent extends ProviderService {

    @Activate
    public Seg6ProviderComponent(@Reference KernelDriver driver, @Reference LocalTableRule localRule,
            @Reference Seg6TunnelSource tunnelSource, @Reference NftTables nft, @Reference PacketSockets packetSockets,
            @Reference RawSockets rawSockets) {
        super(new Seg6Provider(driver.namespace(), driver, localRule, tunnelSource, nft, packetSockets,
                rawSockets));
    }

    @Deactivate
    void deactivate() {
        provider.close();
    }
}
