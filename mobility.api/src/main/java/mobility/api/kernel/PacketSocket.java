package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A packet socket (packet(7), AF_PACKET, SOCK_DGRAM, ETH_P_IPV6, or ETH_P_ALL where
 * {@link PacketSockets#openAllProtocols} opened it) bound to one interface, with a BPF filter: it receives packets
 * from the network header on, before netfilter's prerouting hook sees them. Packets this node sends are not
 * delivered to it (PACKET_IGNORE_OUTGOING).
 */
@ProviderType
public interface PacketSocket extends PacketChannel {

    /** The interface it is bound to. */
    int interfaceIndex();

    /** Replaces the filter atomically (SO_ATTACH_FILTER again). */
    void filter(BpfProgram program);
}
