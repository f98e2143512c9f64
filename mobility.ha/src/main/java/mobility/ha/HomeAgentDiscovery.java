package mobility.ha;

import java.util.List;
import java.util.function.Consumer;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.icmp.RouterAdvertisement;

/**
 * Dynamic Home Agent Address Discovery, the home agent's side (RFC 6275 §10.5): it owns the Mobile IPv6 Home-Agents
 * anycast address of each home prefix, learns the other home agents from Router Advertisements, and answers a
 * request with every home agent's address, most preferred first.
 */
final class HomeAgentDiscovery {

    /** RFC 2526 §3 / RFC 6275 §10.5: interface identifier of the Home-Agents anycast address in a 64-bit prefix. */
    static final long HOME_AGENTS_ANYCAST_IID = 0xfdff_ffff_ffff_fffeL;
    /** RFC 6275 §10.5: the reply must fit the minimum MTU: (1280 - 40 - 8) / 16 addresses. */
    static final int MAX_ADDRESSES = (1280 - 40 - 8) / 16;

    private final HomeAgentsList list;
    private final Consumer<SignallingPacket> send;
    private final HomeAgentStatistics stats;

    HomeAgentDiscovery(HomeAgentsList list, Consumer<SignallingPacket> send, HomeAgentStatistics stats) {
        this.list = list;
        this.send = send;
        this.stats = stats;
    }

    static Ipv6Address anycast(Ipv6Prefix prefix) {
        return Ipv6Address.of(prefix.network().address().high(), HOME_AGENTS_ANYCAST_IID);
    }

    /** Adds the anycast address of each 64-bit home prefix to the home link, so requests to it are delivered. */
    static void joinAnycast(KernelDriver kernel, HomeLink link) {
        for (Ipv6Prefix p : link.prefixes()) {
            if (p.length() != 64) {
                continue;
            }
            try {
                kernel.addresses().add(Address.of(link.ifindex(), new Ipv6Prefix(anycast(p), 64))
                        .withFlags(AddressFlag.NODAD, AddressFlag.NOPREFIXROUTE));
            } catch (KernelException e) {
                if (!e.getMessage().contains("EEXIST")) {
                    throw e;
                }
            }
        }
    }

    static void leaveAnycast(KernelDriver kernel, HomeLink link) {
        for (Ipv6Prefix p : link.prefixes()) {
            if (p.length() == 64) {
                try {
                    kernel.addresses().remove(link.ifindex(), new Ipv6Prefix(anycast(p), 64));
                } catch (KernelException e) {
                    // Gone already (the driver's clean-up or an operator): nothing left to remove.
                }
            }
        }
    }

    void received(SignallingPacket packet, HomeLink link) {
        Icmpv6Message message;
        try {
            message = Icmpv6Codec.decode(packet.message(), 0, packet.message().length, packet.source(),
                    packet.destination());
        } catch (mobility.api.wire.WireFormatException e) {
            stats.count("icmp.drop.malformed");
            return;
        }
        if (message instanceof RouterAdvertisement ra && packet.interfaceIndex() == link.ifindex()) {
            list.heard(packet.source(), ra);
        } else if (message instanceof HomeAgentAddressDiscoveryRequest request) {
            reply(packet, request, link);
        }
    }

    /** §10.5: from a global address of this home agent to the request's source, same identifier. */
    private void reply(SignallingPacket packet, HomeAgentAddressDiscoveryRequest request, HomeLink link) {
        stats.count("dhaad.request.received");
        List<Ipv6Address> addresses = list.addressesByPreference();
        if (addresses.size() > MAX_ADDRESSES) {
            addresses = addresses.subList(0, MAX_ADDRESSES);
        }
        HomeAgentAddressDiscoveryReply reply = new HomeAgentAddressDiscoveryReply(request.identifier(), addresses);
        Ipv6Address source = link.globalAddress();
        send.accept(new SignallingPacket(SignallingPacket.ICMPV6, 0, source, packet.source(), null, null, 64,
                Icmpv6Codec.encode(reply, source, packet.source())));
        stats.count("dhaad.reply.sent");
    }
}
