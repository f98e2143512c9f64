package mobility.mn;

import java.util.function.IntSupplier;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryReply;
import mobility.api.wire.icmp.HomeAgentAddressDiscoveryRequest;

/**
 * Dynamic Home Agent Address Discovery (RFC 6275 §11.4.1): without a configured home agent, or after the one it had
 * refused to be this node's (status 133), the mobile node asks the home-agents anycast address of its home prefix
 * (§10.5, RFC 2526) from its care-of address, and takes the first address of the reply that carries its request's
 * identifier. A request unanswered is sent again after INITIAL_DHAAD_TIMEOUT, doubled each time, up to DHAAD_RETRIES
 * times (§12); then the node gives up. Requests go only while the node is away: at home there is no care-of address
 * to send from, and a retransmission that came due there goes on the first tick away. Confined to one thread; time is
 * passed in.
 */
final class HomeAgentAddressDiscovery {

    /** §12: INITIAL_DHAAD_TIMEOUT 3 s, DHAAD_RETRIES 4. */
    static final long INITIAL_DHAAD_TIMEOUT = 3000;
    static final int DHAAD_RETRIES = 4;
    /** RFC 2526 §3: the Mobile IPv6 Home-Agents anycast identifier (0x7e) in an EUI-64 interface identifier. */
    private static final long HOME_AGENTS_ANYCAST_IID = 0xfdff_ffff_ffff_fffeL;

    private final Ipv6Address anycast;
    private final SignallingSender out;
    private final Counters stats;
    private final IntSupplier identifiers;
    /** The identifier of the discovery in progress, -1 for none. */
    private int identifier = -1;
    private int tries;
    private long nextAt;

    /**
     * @param homePrefix the home address with its prefix (a /64)
     * @param identifiers a fresh random identifier, 0 to 0xffff, for each discovery
     */
    HomeAgentAddressDiscovery(Ipv6Prefix homePrefix, SignallingSender out, Counters stats, IntSupplier identifiers) {
        this.anycast = Ipv6Address.of(homePrefix.network().address().high(), HOME_AGENTS_ANYCAST_IID);
        this.out = out;
        this.stats = stats;
        this.identifiers = identifiers;
    }

    /** The home-agents anycast address the requests go to. */
    Ipv6Address anycast() {
        return anycast;
    }

    /** Whether a discovery is in progress (a request sent or to be sent, not answered, not given up). */
    boolean running() {
        return identifier >= 0;
    }

    /**
     * §11.4.1: ask the home-agents anycast address of the home prefix, from the care-of address. Starts a discovery
     * unless one is in progress; its first request goes at once where the node is away.
     */
    void start(Location location, long now) {
        if (identifier >= 0) {
            return;
        }
        identifier = identifiers.getAsInt() & 0xffff;
        tries = 0;
        nextAt = 0;
        request(location, now);
    }

    /**
     * Called on each tick: sends the retransmission that is due.
     *
     * @return true when the discovery gave up now, its retransmissions spent without an answer
     */
    boolean tick(Location location, long now) {
        if (identifier >= 0 && now >= nextAt) {
            return !request(location, now);
        }
        return false;
    }

    /** Sends the next request; false when the retries are spent (the discovery ends). */
    private boolean request(Location location, long now) {
        if (!location.away()) {
            return true;
        }
        if (tries > DHAAD_RETRIES) {
            identifier = -1;
            return false;
        }
        out.icmp(new HomeAgentAddressDiscoveryRequest(identifier), location.ifindex(), location.careOf(), anycast,
                null, 64, "dhaad.request.sent");
        nextAt = now + (INITIAL_DHAAD_TIMEOUT << tries);
        tries++;
        return true;
    }

    /**
     * A Home Agent Address Discovery Reply: the home agent it names first (the most preferred, §10.5.1) when it
     * answers the discovery in progress, which then ends; null otherwise (counted as ignored).
     */
    Ipv6Address answered(HomeAgentAddressDiscoveryReply reply) {
        if (reply.identifier() != identifier || reply.homeAgentAddresses().isEmpty()) {
            stats.count("dhaad.reply.ignored");
            return null;
        }
        stats.count("dhaad.reply.received");
        identifier = -1;
        return reply.homeAgentAddresses().get(0);
    }
}
