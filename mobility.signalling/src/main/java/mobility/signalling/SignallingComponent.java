package mobility.signalling;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.NftTables;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSockets;
import mobility.api.signal.MobilityMessageListener;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingListener;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.MobilityStatistics;
import mobility.api.wire.ipv6.WireCodec;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * The {@link SignallingService} of the container's namespace, and its counters as the {@code signalling}
 * statistics scope. Stopping the bundle closes the sockets and removes the platform's nftables table.
 */
@Component(service = {SignallingService.class, MobilityStatistics.class}, immediate = true,
        configurationPid = SignallingConfiguration.PID, property = MobilityStatistics.SCOPE + "=signalling")
@Designate(ocd = SignallingConfiguration.class)
public class SignallingComponent implements SignallingService, MobilityStatistics {

    private final Signalling signalling;

    @Activate
    public SignallingComponent(@Reference KernelDriver driver, @Reference PacketSockets packetSockets,
            @Reference RawSockets rawSockets, @Reference NftTables nft, @Reference WireCodec wire,
            SignallingConfiguration config) {
        MobilityHeaderCodec codec = wire.mobilityHeaderCodec();
        signalling = new Signalling(driver.namespace(), driver, packetSockets, rawSockets, nft, choice(config),
                () -> codec, config.bindingErrorsPerSecond());
    }

    static Signalling.Choice choice(SignallingConfiguration config) {
        return switch (config.path().trim()) {
            case "auto", "" -> Signalling.Choice.AUTO;
            case "packet-socket" -> Signalling.Choice.PACKET_SOCKET;
            case "kernel-mip6" -> Signalling.Choice.KERNEL_MIP6;
            default -> throw new IllegalArgumentException("mobility.signalling: key 'path' is auto, packet-socket or "
                    + "kernel-mip6, not '" + config.path() + "'");
        };
    }

    @Deactivate
    void deactivate() {
        signalling.close();
    }

    @Override
    public Subscription listen(Set<Integer> mhTypes, Set<Integer> icmpTypes, SignallingListener listener) {
        return signalling.listen(mhTypes, icmpTypes, listener);
    }

    @Override
    public Subscription listenMobility(Recipient recipient, Set<Integer> mhTypes, MobilityMessageListener listener) {
        return signalling.listenMobility(recipient, mhTypes, listener);
    }

    @Override
    public void send(SignallingPacket packet) throws SignallingException {
        signalling.send(packet);
    }

    @Override
    public Map<String, Object> describe() {
        return signalling.describe();
    }

    @Override
    public String scope() {
        return "signalling";
    }

    @Override
    public Map<String, Long> counters() {
        return signalling.counters();
    }
}
