package mobility.mn;

import java.util.List;

import org.osgi.service.log.Logger;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * The mobile node's end of the bidirectional tunnel to its home agent (RFC 6275 §11.3.1): away from home, packets
 * from the home address go encapsulated from the care-of address to the home agent, and what the home agent tunnels
 * to the care-of address for the home address is decapsulated. Opened on the first move away, moved in place on each
 * new care-of address (§11.5.2), closed on the return home (§11.5.4). Confined to one thread.
 */
final class ReverseTunnel {

    private final DataPlane dataPlane;
    private final Ipv6Address homeAddress;
    private final Counters stats;
    private final Logger log;
    private Tunnel tunnel;

    ReverseTunnel(DataPlane dataPlane, Ipv6Address homeAddress, Counters stats, Logger log) {
        this.dataPlane = dataPlane;
        this.homeAddress = homeAddress;
        this.stats = stats;
        this.log = log;
    }

    /** Opens the tunnel from {@code l}'s care-of address to {@code homeAgent}, or moves it there if it is open. */
    void move(Location l, Ipv6Address homeAgent) {
        TunnelSpec spec = new TunnelSpec(l.careOf(), homeAgent, l.ifindex(),
                List.of(Ipv6Prefix.DEFAULT), Ipv6Prefix.host(homeAddress), List.of(Ipv6Prefix.DEFAULT));
        try {
            if (tunnel == null) {
                tunnel = dataPlane.open(spec);
                stats.count("tunnel.opened");
            } else {
                tunnel.update(spec);
                stats.count("tunnel.moved");
            }
        } catch (TunnelException e) {
            stats.count("tunnel.error");
            log.error("reverse tunnel from {} to {} failed: {}", l.careOf(), homeAgent, e.getMessage());
        }
    }

    /** Closes the tunnel if it is open. */
    void close() {
        if (tunnel != null) {
            tunnel.close();
            tunnel = null;
            stats.count("tunnel.closed");
        }
    }

    boolean open() {
        return tunnel != null;
    }
}
