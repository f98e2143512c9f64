package mobility.ha;

import java.util.ArrayList;
import java.util.List;

import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.Neighbour;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.LinkLayerAddressOption;
import mobility.api.wire.icmp.NeighborAdvertisement;

/**
 * Intercepting packets for a mobile node away from home (RFC 6275 §10.4.1): the kernel answers Neighbor
 * Solicitations for the home address with the home agent's link-layer address (a proxy neighbour entry), and a
 * multicast Neighbor Advertisement with the Override flag makes on-link nodes update their caches at once.
 */
final class ProxyNeighbourDiscovery {

    private static final Ipv6Address ALL_NODES = Ipv6Address.parse("ff02::1");

    private final KernelDriver kernel;
    private final SignallingService signalling;

    ProxyNeighbourDiscovery(KernelDriver kernel, SignallingService signalling) {
        this.kernel = kernel;
        this.signalling = signalling;
    }

    /** Starts defending the home address (and its link-local twin when the L flag was set). */
    void intercept(HomeLink link, Ipv6Address homeAddress, boolean linkLocalToo) throws SignallingException {
        for (Ipv6Address a : addresses(homeAddress, linkLocalToo)) {
            kernel.neighbours().add(Neighbour.proxy(link.ifindex(), a));
            advertise(link, a);
        }
    }

    void release(HomeLink link, Ipv6Address homeAddress, boolean linkLocalToo) {
        for (Ipv6Address a : addresses(homeAddress, linkLocalToo)) {
            kernel.neighbours().remove(Neighbour.proxy(link.ifindex(), a));
        }
    }

    /** {@link #intercept}'s proxy entries queued in a batch; returns their indexes. Then {@link #announce}. */
    List<Integer> queueIntercept(KernelBatch batch, HomeLink link, Ipv6Address homeAddress, boolean linkLocalToo) {
        List<Integer> queued = new ArrayList<>();
        for (Ipv6Address a : addresses(homeAddress, linkLocalToo)) {
            queued.add(batch.addNeighbour(Neighbour.proxy(link.ifindex(), a)));
        }
        return queued;
    }

    /** The Neighbor Advertisements of {@link #intercept}, once its proxy entries are in place. */
    void announce(HomeLink link, Ipv6Address homeAddress, boolean linkLocalToo) throws SignallingException {
        for (Ipv6Address a : addresses(homeAddress, linkLocalToo)) {
            advertise(link, a);
        }
    }

    /** {@link #release} queued in a batch; returns the indexes. */
    List<Integer> queueRelease(KernelBatch batch, HomeLink link, Ipv6Address homeAddress, boolean linkLocalToo) {
        List<Integer> queued = new ArrayList<>();
        for (Ipv6Address a : addresses(homeAddress, linkLocalToo)) {
            queued.add(batch.removeNeighbour(Neighbour.proxy(link.ifindex(), a)));
        }
        return queued;
    }

    /** §10.4.1: to all-nodes, Override set, Solicited clear, with the home agent's link-layer address. */
    private void advertise(HomeLink link, Ipv6Address target) throws SignallingException {
        byte[] lla = link.linkLayerAddress();
        NeighborAdvertisement na = new NeighborAdvertisement(NeighborAdvertisement.OVERRIDE, target,
                lla.length == 0 ? List.of() : List.of(LinkLayerAddressOption.target(lla)));
        Ipv6Address source = link.linkLocalAddress() != null ? link.linkLocalAddress() : link.globalAddress();
        signalling.send(new SignallingPacket(SignallingPacket.ICMPV6, link.ifindex(), source, ALL_NODES, null, null,
                255, Icmpv6Codec.encode(na, source, ALL_NODES)));
    }

    private static List<Ipv6Address> addresses(Ipv6Address homeAddress, boolean linkLocalToo) {
        return linkLocalToo ? List.of(homeAddress, HomeLink.linkLocalOf(homeAddress)) : List.of(homeAddress);
    }
}
