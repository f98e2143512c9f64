package mobility.ha;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.NeighborAdvertisement;
import mobility.api.wire.icmp.NeighborSolicitation;

/**
 * Duplicate Address Detection on the home link on behalf of a mobile node (RFC 6275 §10.3.1, RFC 4862 §5.4): a
 * Neighbor Solicitation from the unspecified address to the solicited-node multicast address of the home address;
 * a Neighbor Advertisement for it within the timeout means another node uses the address.
 */
final class DuplicateAddressDetector {

    private final SignallingService signalling;
    private final ScheduledExecutorService timer;
    private final long timeoutMillis;
    private final Map<Ipv6Address, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();

    DuplicateAddressDetector(SignallingService signalling, ScheduledExecutorService timer, long timeoutMillis) {
        this.signalling = signalling;
        this.timer = timer;
        this.timeoutMillis = timeoutMillis;
    }

    /** Completes with true when the address is defended on the link, false after the timeout. */
    CompletionStage<Boolean> detect(HomeLink link, Ipv6Address address) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        CompletableFuture<Boolean> earlier = pending.putIfAbsent(address, result);
        if (earlier != null) {
            return earlier;
        }
        NeighborSolicitation ns = new NeighborSolicitation(address, List.of());
        Ipv6Address destination = HomeLink.solicitedNode(address);
        byte[] message = Icmpv6Codec.encode(ns, Ipv6Address.UNSPECIFIED, destination);
        try {
            // RFC 4861 §7.1.1: hop limit 255; RFC 4862 §5.4.2: from the unspecified address, no source link-layer option.
            signalling.send(new SignallingPacket(SignallingPacket.ICMPV6, link.ifindex(), Ipv6Address.UNSPECIFIED,
                    destination, null, null, 255, message));
        } catch (SignallingException e) {
            pending.remove(address, result);
            result.completeExceptionally(e);
            return result;
        }
        timer.schedule(() -> {
            if (pending.remove(address, result)) {
                result.complete(false);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return result;
    }

    /** Neighbor Advertisements from the signalling service. */
    void received(SignallingPacket packet) {
        if (pending.isEmpty()) {
            return;
        }
        Icmpv6Message message;
        try {
            message = Icmpv6Codec.decode(packet.message(), 0, packet.message().length, packet.source(),
                    packet.destination());
        } catch (WireFormatException e) {
            return;
        }
        if (message instanceof NeighborAdvertisement na) {
            CompletableFuture<Boolean> waiting = pending.remove(na.target());
            if (waiting != null) {
                waiting.complete(true);
            }
        }
    }

    int inProgress() {
        return pending.size();
    }
}
