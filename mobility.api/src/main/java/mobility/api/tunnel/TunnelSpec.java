package mobility.api.tunnel;

import java.util.List;
import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * What one tunnel carries.
 *
 * @param local this end's outer address (the home agent's address, or the mobile node's care-of address)
 * @param remote the other end's outer address (the care-of address, or the home agent's address)
 * @param interfaceIndex the interface towards the remote end, 0 to let routing choose
 * @param routed destinations sent into the tunnel: on a home agent the home address (/128) and any mobile network
 *        prefixes (RFC 3963); on a mobile node {@code ::/0}
 * @param fromOnly when not null, only packets from this source use the tunnel (the mobile node's reverse tunnel:
 *        traffic sourced from the home address, §11.3.1); null on a home agent
 * @param acceptedInner inner source prefixes accepted from the remote end on decapsulation: on a home agent the home
 *        address and mobile network prefixes; on a mobile node {@code ::/0}. Packets arriving tunnelled from any outer
 *        source but {@code remote} are dropped and counted (RFC 6275 §10.4.5).
 */
public record TunnelSpec(Ipv6Address local, Ipv6Address remote, int interfaceIndex, List<Ipv6Prefix> routed,
        Ipv6Prefix fromOnly, List<Ipv6Prefix> acceptedInner) {

    public TunnelSpec {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        routed = List.copyOf(routed);
        acceptedInner = List.copyOf(acceptedInner);
    }

    /** The same tunnel towards another remote end (a move to a new care-of address). */
    public TunnelSpec withRemote(Ipv6Address newRemote) {
        return new TunnelSpec(local, newRemote, interfaceIndex, routed, fromOnly, acceptedInner);
    }

    /** The same tunnel from another local address (the mobile node's new care-of address). */
    public TunnelSpec withLocal(Ipv6Address newLocal, int newInterfaceIndex) {
        return new TunnelSpec(newLocal, remote, newInterfaceIndex, routed, fromOnly, acceptedInner);
    }

    /**
     * The record's own equality, written out: the generated one bootstraps an invokedynamic call site on its first
     * call, which came with the first move of a tunnel (a home agent's first binding update to a new care-of address)
     * and cost milliseconds on that move alone.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TunnelSpec t && interfaceIndex == t.interfaceIndex && local.equals(t.local)
                && remote.equals(t.remote) && routed.equals(t.routed) && Objects.equals(fromOnly, t.fromOnly)
                && acceptedInner.equals(t.acceptedInner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(local, remote, interfaceIndex, routed, fromOnly, acceptedInner);
    }
}
