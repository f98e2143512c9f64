package mobility.signalling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftTables;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSockets;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.MobilityMessageListener;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingListener;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * The signalling service of one network namespace: the path this kernel supports (or the configured one), the
 * roles' subscriptions and the counters. The same role code runs on either path.
 */
public final class Signalling implements SignallingService, AutoCloseable {

    /** Which path to use: the best this kernel supports, or one by name. */
    public enum Choice {
        AUTO, PACKET_SOCKET, KERNEL_MIP6
    }

    private final SignallingCounters counters = new SignallingCounters();
    private final LocalAddresses local;
    private final MobilityDispatch mobility;
    private final Listeners listeners;
    private final SignallingPath path;
    private final KernelMip6Path.Availability kernelMip6;

    /**
     * @param codec the container's Mobility Header codec (the {@code WireCodec} service's, with every extension
     *        option), asked for each message
     * @param errorsPerSecond the most answers a second to what no role takes (§9.3.3)
     */
    public Signalling(NetworkNamespace namespace, KernelDriver driver, PacketSockets packetSockets,
            RawSockets rawSockets, NftTables nft, Choice choice, Supplier<MobilityHeaderCodec> codec,
            int errorsPerSecond) {
        local = new LocalAddresses(driver.addresses());
        mobility = new MobilityDispatch(counters, codec, local, new ErrorRateLimit(errorsPerSecond, System::nanoTime));
        listeners = new Listeners(counters, mobility);
        kernelMip6 = KernelMip6Path.availability(driver.capabilities());
        boolean useKernel = switch (choice) {
            case AUTO -> kernelMip6.available();
            case KERNEL_MIP6 -> true;
            case PACKET_SOCKET -> false;
        };
        if (useKernel) {
            String reason = choice == Choice.AUTO ? kernelMip6.reason() : "configured (path=kernel-mip6); "
                    + kernelMip6.reason();
            path = new KernelMip6Path(namespace, driver, rawSockets, packetSockets, listeners, counters, reason);
        } else {
            String reason = choice == Choice.AUTO ? kernelMip6.reason()
                    + ": Home Address options and Type 2 routing headers are built and read in user space"
                    : "configured (path=packet-socket)";
            PacketSocketPath sockets = new PacketSocketPath(namespace, driver, packetSockets, rawSockets, nft,
                    listeners, counters, reason);
            listeners.whenAnyone(sockets::receiving);
            path = sockets;
        }
        mobility.answerWith(path::send);
    }

    /** {@code packet-socket} or {@code kernel-mip6}. */
    public String pathName() {
        return path.name();
    }

    @Override
    public Subscription listen(Set<Integer> mhTypes, Set<Integer> icmpTypes, SignallingListener listener) {
        return listeners.add(mhTypes, icmpTypes, listener);
    }

    @Override
    public Subscription listenMobility(Recipient recipient, Set<Integer> mhTypes, MobilityMessageListener listener) {
        return listeners.addMobility(recipient, mhTypes, listener);
    }

    @Override
    public void send(SignallingPacket packet) throws SignallingException {
        path.send(packet);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(path.describe());
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put(PacketSocketPath.NAME, Map.of("available", true, "reason", "works on any kernel with packet sockets "
                + "and nftables"));
        paths.put(KernelMip6Path.NAME, Map.of("available", kernelMip6.available(), "reason", kernelMip6.reason()));
        out.put("paths", paths);
        return out;
    }

    /** The counters, for the {@code signalling} statistics scope. */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        path.close();
        local.close();
    }
}
