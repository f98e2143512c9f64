package mobility.mn;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.osgi.service.log.Logger;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.Counters;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The signalling the mobile node listens for, decoded and handed over on its event thread: Mobility Header messages
 * (RFC 6275 §6.1) checked against the pseudo-header with the home address where the packet carried one (§6.1.1), and
 * ICMPv6 messages (Neighbor Discovery, home agent and mobile prefix discovery). What does not decode is counted and
 * dropped (§9.2: silently). Subscribing can fail while the signalling path is not ready yet: the failure is logged,
 * counted and the subscription retried every second. Each decoded message goes to its consumer on the event thread.
 */
final class SignallingReceiver implements AutoCloseable {

    private static final int ROUTER_ADVERTISEMENT = 134;
    private static final int NEIGHBOR_ADVERTISEMENT = 136;
    private static final int DHAAD_REPLY = 145;
    private static final int MOBILE_PREFIX_ADVERTISEMENT = 147;
    private static final int PARAMETER_PROBLEM = 4;
    private static final Set<Integer> ICMP_TYPES = Set.of(ROUTER_ADVERTISEMENT, NEIGHBOR_ADVERTISEMENT, DHAAD_REPLY,
            MOBILE_PREFIX_ADVERTISEMENT, PARAMETER_PROBLEM);
    /**
     * The messages a home agent or a correspondent sends a mobile node (RFC 6275 §6.1.2, §6.1.5, §6.1.6, §6.1.8,
     * §6.1.9).
     */
    private static final Set<Integer> MH_TYPES = Set.of(MobilityHeader.BINDING_ACKNOWLEDGEMENT,
            MobilityHeader.BINDING_REFRESH_REQUEST, MobilityHeader.BINDING_ERROR, MobilityHeader.HOME_TEST,
            MobilityHeader.CARE_OF_TEST);

    private final SignallingService signalling;
    private final MobilityHeaderCodec codec;
    private final ScheduledExecutorService loop;
    private final Counters stats;
    private final Logger log;
    private final BiConsumer<SignallingPacket, MobilityMessage> mobility;
    private final BiConsumer<SignallingPacket, Icmpv6Message> icmp;
    private SignallingService.Subscription subscription;

    SignallingReceiver(SignallingService signalling, MobilityHeaderCodec codec, ScheduledExecutorService loop,
            Counters stats, Logger log, BiConsumer<SignallingPacket, MobilityMessage> mobility,
            BiConsumer<SignallingPacket, Icmpv6Message> icmp) {
        this.signalling = signalling;
        this.codec = codec;
        this.loop = loop;
        this.stats = stats;
        this.log = log;
        this.mobility = mobility;
        this.icmp = icmp;
    }

    /**
     * Subscribes to Router and Neighbor Advertisements, Home Agent Address Discovery Replies and Mobile Prefix
     * Advertisements, and to the home agent's Mobility Header messages; a failure is logged, counted and retried every
     * second. On the loop.
     */
    void listen() {
        try {
            SignallingService.Subscription icmpOnly = signalling.listen(Set.of(), ICMP_TYPES,
                    p -> loop.execute(() -> received(p)));
            SignallingService.Subscription mh;
            try {
                // Decoded once by the signalling service, which answers what no role here takes (§9.2).
                mh = signalling.listenMobility(SignallingService.Recipient.MOBILE_NODE, MH_TYPES,
                        (p, m) -> loop.execute(() -> mobility.accept(p, m)));
            } catch (RuntimeException e) {
                icmpOnly.close();
                throw e;
            }
            subscription = () -> {
                mh.close();
                icmpOnly.close();
            };
        } catch (RuntimeException e) {
            stats.count("listen.failed");
            log.error("cannot listen for signalling yet, retrying in 1 s: {}", e.toString());
            if (!loop.isShutdown()) {
                loop.schedule(this::listen, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void received(SignallingPacket p) {
        Ipv6Address finalDestination = p.routingHeaderAddress() != null ? p.routingHeaderAddress() : p.destination();
        if (p.protocol() == SignallingPacket.MOBILITY_HEADER) {
            MobilityMessage m;
            try {
                m = codec.decode(p.message(), 0, p.message().length, p.effectiveSource(), finalDestination);
            } catch (WireFormatException e) {
                stats.count("mh.drop.malformed");
                return;
            }
            mobility.accept(p, m);
        } else {
            Icmpv6Message m;
            try {
                m = Icmpv6Codec.decode(p.message(), 0, p.message().length, p.source(), finalDestination);
            } catch (WireFormatException e) {
                stats.count("icmp.drop.malformed");
                return;
            }
            icmp.accept(p, m);
        }
    }

    /** Stops the delivery. On the loop. */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
