package mobility.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.PrefixInformation;

/**
 * Mobile Prefix Discovery, the home agent's side (RFC 6275 §10.6): answers a Mobile Prefix Solicitation from a
 * registered mobile node with the home prefixes and their remaining lifetimes, and advertises unsolicited to every
 * registered mobile node when the home prefixes change.
 */
final class MobilePrefixAdvertiser {

    /** The home prefixes with their remaining valid and preferred lifetimes, in seconds. */
    record PrefixLifetimes(Ipv6Prefix prefix, long valid, long preferred) {
    }

    private final Supplier<List<PrefixLifetimes>> prefixes;
    private final Consumer<SignallingPacket> send;
    private final HomeAgentStatistics stats;
    private List<Ipv6Prefix> lastAdvertised = List.of();
    private int nextIdentifier = 1;

    MobilePrefixAdvertiser(Supplier<List<PrefixLifetimes>> prefixes, Consumer<SignallingPacket> send,
            HomeAgentStatistics stats) {
        this.prefixes = prefixes;
        this.send = send;
        this.stats = stats;
    }

    /** §10.6.1: answer only a mobile node with a binding, to its care-of address through the routing header. */
    void received(SignallingPacket packet, Map<Ipv6Address, Binding> bindings) {
        if (packet.homeAddress() == null) {
            stats.count("mps.drop.no_home_address");
            return;
        }
        Icmpv6Message message;
        try {
            message = Icmpv6Codec.decode(packet.message(), 0, packet.message().length, packet.effectiveSource(),
                    packet.destination());
        } catch (WireFormatException e) {
            stats.count("icmp.drop.malformed");
            return;
        }
        if (!(message instanceof MobilePrefixSolicitation solicitation)) {
            return;
        }
        stats.count("mps.received");
        Binding b = bindings.get(packet.homeAddress());
        if (b == null) {
            stats.count("mps.drop.no_binding");
            return;
        }
        advertise(b, solicitation.identifier());
    }

    /** §10.6.2: when the set of home prefixes changes, tell every registered mobile node. */
    synchronized void checkForChanges(Iterable<Binding> bindings) {
        List<Ipv6Prefix> now = prefixes.get().stream().map(PrefixLifetimes::prefix).toList();
        if (now.equals(lastAdvertised)) {
            return;
        }
        boolean first = lastAdvertised.isEmpty();
        lastAdvertised = now;
        if (first) {
            return;
        }
        for (Binding b : bindings) {
            advertise(b, nextIdentifier());
            stats.count("mpa.sent.unsolicited");
        }
    }

    private synchronized int nextIdentifier() {
        nextIdentifier = (nextIdentifier + 1) & 0xffff;
        return nextIdentifier;
    }

    private void advertise(Binding b, int identifier) {
        List<NdOption> options = new ArrayList<>();
        for (PrefixLifetimes p : prefixes.get()) {
            options.add(new PrefixInformation(p.prefix().length(),
                    PrefixInformation.ON_LINK | PrefixInformation.AUTONOMOUS_ADDRESS_CONFIGURATION,
                    Math.min(p.valid(), 0xffff_ffffL), Math.min(p.preferred(), 0xffff_ffffL),
                    p.prefix().network().address()));
        }
        MobilePrefixAdvertisement mpa = new MobilePrefixAdvertisement(identifier, 0, options);
        // §6.8, §10.6.1: to the care-of address, the home address in a type 2 routing header; checksum to the HoA.
        send.accept(new SignallingPacket(SignallingPacket.ICMPV6, 0, b.localAddress(), b.careOfAddress(), null,
                b.homeAddress(), 64, Icmpv6Codec.encode(mpa, b.localAddress(), b.homeAddress())));
        stats.count("mpa.sent");
    }
}
