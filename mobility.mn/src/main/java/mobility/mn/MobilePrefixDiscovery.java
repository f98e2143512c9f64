package mobility.mn;

import java.util.function.IntSupplier;

import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.icmp.MobilePrefixAdvertisement;
import mobility.api.wire.icmp.MobilePrefixSolicitation;
import mobility.api.wire.icmp.NdOption;
import mobility.api.wire.icmp.PrefixInformation;

/**
 * Mobile prefix discovery, the mobile node's side (RFC 6275 §11.4.2, §11.4.3): how long the home prefix stays valid,
 * learned from Router Advertisements at home and from Mobile Prefix Advertisements of the home agent while away, and
 * when to ask the home agent for it with a Mobile Prefix Solicitation. Confined to one thread; time is passed in.
 */
final class MobilePrefixDiscovery {

    /** §12: INITIAL_SOLICIT_TIMER 3 s; doubled on each retransmission up to the maximum Binding Update back-off. */
    static final long INITIAL_SOLICIT_TIMER = 3000;

    private final Ipv6Address homeAddress;
    private final Ipv6Prefix homePrefix;
    private final long lifetimeMillis;
    private final long maxWait;
    private final SignallingSender out;
    private final IntSupplier identifiers;
    /** When the home prefix stops being valid (epoch ms), from advertisements at home or from the home agent. */
    private long homePrefixValidUntil = Long.MAX_VALUE;
    /** The identifier of the solicitation waiting for its advertisement, -1 for none. */
    private int identifier = -1;
    private long nextAt;
    private long wait = INITIAL_SOLICIT_TIMER;

    /**
     * @param homeAddressPrefix the home address with its prefix
     * @param lifetimeSeconds the binding lifetime the node asks for: less than this left of the home prefix is low
     * @param maxWait the retransmissions stop doubling here (MAX_BINDACK_TIMEOUT)
     * @param identifiers a fresh random identifier, 0 to 0xffff, for each solicitation
     */
    MobilePrefixDiscovery(Ipv6Prefix homeAddressPrefix, int lifetimeSeconds, long maxWait, SignallingSender out,
            IntSupplier identifiers) {
        this.homeAddress = homeAddressPrefix.address();
        this.homePrefix = homeAddressPrefix.network();
        this.lifetimeMillis = lifetimeSeconds * 1000L;
        this.maxWait = maxWait;
        this.out = out;
        this.identifiers = identifiers;
    }

    /**
     * A Prefix Information option of a Router Advertisement or a Mobile Prefix Advertisement: where it is the home
     * prefix's, its valid lifetime counts from now.
     */
    void prefixInformation(PrefixInformation pi, long now) {
        if (Ipv6Prefix.of(pi.prefix(), pi.prefixLength()).equals(homePrefix)) {
            homePrefixValidUntil = pi.validLifetime() == 0xffff_ffffL ? Long.MAX_VALUE
                    : now + pi.validLifetime() * 1000;
        }
    }

    /** A Mobile Prefix Advertisement (§11.4.3). */
    void advertised(MobilePrefixAdvertisement mpa, long now) {
        // §11.4.3: solicited (our identifier) or unsolicited, the home prefix's lifetimes are news either way.
        for (NdOption o : mpa.options()) {
            if (o instanceof PrefixInformation pi) {
                prefixInformation(pi, now);
            }
        }
        if (mpa.identifier() == identifier) {
            identifier = -1;
            wait = INITIAL_SOLICIT_TIMER;
        }
    }

    /** When the home prefix stops being valid (epoch ms); Long.MAX_VALUE while nothing said it ends. */
    long homePrefixValidUntil() {
        return homePrefixValidUntil;
    }

    /**
     * §11.4.2: while away and registered, ask the home agent for the home prefix once less of its valid lifetime
     * remains than the binding lifetime this node asks for; retransmitted with exponential back-off until answered.
     * Called on each tick.
     */
    void tick(long now, Location location, HomeRegistration registration) {
        if (!location.away() || registration == null || registration.state() != BindingUpdateListEntry.State.REGISTERED
                || homePrefixValidUntil == Long.MAX_VALUE
                || homePrefixValidUntil - now > lifetimeMillis || now < nextAt) {
            return;
        }
        if (identifier < 0) {
            identifier = identifiers.getAsInt() & 0xffff;
        }
        // §11.4.2: from the care-of address, with the home address in a Home Address option, to the home agent.
        out.icmp(new MobilePrefixSolicitation(identifier), location.ifindex(), location.careOf(),
                registration.homeAgent(), homeAddress, 64, "mps.sent");
        nextAt = now + wait;
        wait = Math.min(wait * 2, maxWait);
    }
}
