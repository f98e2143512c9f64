package mobility.api.signal;

import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends and receives Mobile IPv6 signalling in the network namespace the container runs in.
 *
 * <p>Several roles may listen at once (a home agent and a correspondent node in one container); each gets the
 * messages of the types it asked for. A packet that no listener asked for is left to the kernel.
 */
@ProviderType
public interface SignallingService {

    /** A subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Delivers every received Mobility Header message whose type is in {@code mhTypes}, and every ICMPv6 message whose
     * type is in {@code icmpTypes}, to {@code listener}, undecoded.
     */
    Subscription listen(Set<Integer> mhTypes, Set<Integer> icmpTypes, SignallingListener listener);

    /** Which role a Mobility Header listener plays, which decides the Binding Updates it gets. */
    enum Recipient {
        /** Gets the Binding Updates with the Home Registration flag set (§10.3.1). */
        HOME_AGENT,
        /** Gets the Binding Updates without it (§9.5.1), and the Home and Care-of Test Inits (§9.4). */
        CORRESPONDENT_NODE,
        /** Gets no Binding Update. */
        MOBILE_NODE
    }

    /**
     * Delivers every received Mobility Header message addressed to this node whose type is in {@code mhTypes},
     * decoded once for all listeners; Binding Updates go to the {@code recipient} their H flag names, so a home agent
     * and a correspondent node run side by side. The service answers, in one place and rate-limited, what no listener
     * takes: a malformed message as its codec says (§9.2), a message of a type no listener takes with a Binding Error
     * of status 2 (§9.2), a home registration where no home agent runs with a Binding Acknowledgement of status 131
     * (§9.5.1).
     */
    Subscription listenMobility(Recipient recipient, Set<Integer> mhTypes, MobilityMessageListener listener);

    /**
     * Sends one message: computes its checksum over the pseudo-header (with the home address in place of the source
     * when a Home Address option is present, RFC 6275 §6.1.1), and adds the Home Address option and Type 2 routing
     * header that the packet names. The packet's source must be given (the unspecified address for a DAD probe):
     * where the header is built in user space nobody else chooses it. The hop limit 0 means 255 for Neighbor
     * Discovery (RFC 4861 §6.1) and 64 otherwise; the interface index is needed for link-local and multicast
     * destinations.
     *
     * @throws SignallingException when the packet cannot be sent (no route, interface gone, message malformed)
     */
    void send(SignallingPacket packet) throws SignallingException;

    /** Which path is in use ({@code kernel-mip6} or {@code packet-socket}) and why, for {@code mip:caps}. */
    Map<String, Object> describe();
}
