package mobility.mn;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.ParameterProblem;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The mobile node's correspondents (RFC 6275 §11.6, §11.7.2): one {@link CorrespondentRegistration} per
 * correspondent, made for the configured ones at start and for those whose traffic comes through the home agent's
 * tunnel ({@link TunnelledCorrespondents}, §11.3.3); what they send, on which path; the messages correspondents send
 * back, a Home Test counting only when it came through the tunnel from the home agent (§11.6.2); and the fallback to
 * the tunnel, with its reason counted (§11.7.2, §11.3.5). Confined to the mobile node's loop thread.
 */
final class ReturnRoutability {

    /** Correspondents the node keeps entries for at most; more are counted and left to the tunnel. */
    static final int MAX_CORRESPONDENTS = 256;

    /** Where the node is and whom it is registered with, as the loop sees it now. */
    interface Whereabouts {
        Location location();

        /** The home agent holding the current care-of address, null while there is none. */
        Ipv6Address registeredHomeAgent();
    }

    private final Map<Ipv6Address, CorrespondentRegistration> entries = new LinkedHashMap<>();
    private final Ipv6Address homeAddress;
    private final MobileNodeSettings settings;
    private final MobilityHeaderCodec codec;
    private final SignallingSender out;
    private final TunnelledCorrespondents tunnelled;
    private final Whereabouts node;
    private final Counters stats;
    private final Logger log;
    private final IntSupplier sequences;
    private final LongSupplier cookies;

    ReturnRoutability(MobileNodeSettings settings, MobilityHeaderCodec codec, SignallingSender out,
            TunnelledCorrespondents tunnelled, Whereabouts node, Counters stats, Logger log, IntSupplier sequences,
            LongSupplier cookies) {
        this.homeAddress = settings.homeAddress();
        this.settings = settings;
        this.codec = codec;
        this.out = out;
        this.tunnelled = tunnelled;
        this.node = node;
        this.stats = stats;
        this.log = log;
        this.sequences = sequences;
        this.cookies = cookies;
        for (Ipv6Address cn : settings.correspondents()) {
            entries.put(cn, newEntry(cn));
        }
    }

    private CorrespondentRegistration newEntry(Ipv6Address correspondent) {
        return new CorrespondentRegistration(homeAddress, correspondent, settings.lifetimeSeconds(),
                sequences.getAsInt(), settings.timers(), codec, cookies);
    }

    /** The entries of the Binding Update List, in the order they were made. */
    Collection<CorrespondentRegistration> entries() {
        return entries.values();
    }

    /** The entry for messages from {@code source}, or null when it is no correspondent of this node. */
    CorrespondentRegistration of(Ipv6Address source) {
        return entries.get(source);
    }

    /**
     * §11.7.2: once the home agent holds the care-of address (the reverse tunnel then carries the Home Test Init),
     * return routability with every correspondent whose entry is not yet for this care-of address, except those
     * that refused for good; and the watch for tunnelled traffic on the care-of address's interface.
     */
    void registeredAway(long now) {
        Location l = node.location();
        for (CorrespondentRegistration cr : entries.values()) {
            boolean failed = cr.state() == State.FAILED;
            boolean refusedForGood = failed && !cr.fallbackReason().endsWith(".timeout");
            if (!refusedForGood && (failed || cr.state() == null || !l.careOf().equals(cr.entry().careOfAddress()))) {
                send(cr, cr.moved(l.careOf(), l.interfaceName(), now));
            }
        }
        if (!settings.routeOptimisation().isEmpty()) {
            tunnelled.watch(l.ifindex(), node.registeredHomeAgent(), homeAddress, entries.keySet());
        }
    }

    /**
     * §11.3.3, §11.7.2: a correspondent this node has no entry for sent to the home address through the tunnel; one
     * that the policy covers gets an entry and return routability at once. One that refused keeps its failed entry,
     * so its traffic does not start the procedure again. True when an entry was made.
     */
    boolean tunnelledFrom(Ipv6Address correspondent, long now) {
        Location l = node.location();
        if (entries.containsKey(correspondent) || !l.away() || node.registeredHomeAgent() == null) {
            return false;
        }
        if (!settings.optimises(correspondent)) {
            stats.count("ro.trigger.not_permitted");
            return false;
        }
        if (entries.size() >= MAX_CORRESPONDENTS) {
            stats.count("ro.trigger.too_many");
            return false;
        }
        stats.count("ro.triggered");
        log.info("route optimisation with {}: its traffic comes through the tunnel", correspondent);
        CorrespondentRegistration cr = newEntry(correspondent);
        entries.put(correspondent, cr);
        send(cr, cr.moved(l.careOf(), l.interfaceName(), now));
        tunnelled.known(entries.keySet());
        return true;
    }

    /** §11.6.2, §11.7.3: a correspondent's test, acknowledgement, refresh request or error. */
    void received(SignallingPacket p, MobilityMessage m, CorrespondentRegistration cr, long now) {
        List<CorrespondentRegistration.Outgoing> next;
        if (m instanceof HomeTest hot) {
            // §11.6.2: away, a Home Test counts only when it came through the tunnel from the home agent.
            Ipv6Address ha = node.registeredHomeAgent();
            if (node.location().away() && (ha == null || !p.arrival().tunnelledFrom(ha))) {
                stats.count("hot.drop.not_tunnelled");
                return;
            }
            next = cr.homeTest(hot, now);
            stats.count(next == null ? "hot.ignored" : "hot.received");
        } else if (m instanceof CareOfTest cot) {
            next = cr.careOfTest(cot, p.destination(), now);
            stats.count(next == null ? "cot.ignored" : "cot.received");
        } else if (m instanceof BindingAcknowledgement ba) {
            stats.count("cn.ba.received.status." + ba.status());
            next = cr.acknowledged(ba, p.message(), now);
            if (next == null) {
                stats.count("cn.ba.ignored");
            }
        } else if (m instanceof BindingRefreshRequest) {
            stats.count("cn.brr.received");
            next = cr.refreshRequested(now);
        } else if (m instanceof BindingError be) {
            stats.count("cn.be.received.status." + be.status());
            cr.bindingError(be);
            next = List.of();
        } else {
            stats.count("mh.ignored");
            return;
        }
        fellBack(cr);
        send(cr, next);
    }

    /**
     * §11.3.5: a Parameter Problem of code 1 pointing at a Mobility Header's Next Header, for a message sent to a
     * correspondent: it does not support Mobile IPv6; route optimisation with it stops and it is not asked again.
     * True when it ended an entry.
     */
    boolean parameterProblem(ParameterProblem pp) {
        byte[] invoking = pp.invokingPacket();
        if (pp.code() != 1 || invoking.length < 40 || pp.pointer() >= invoking.length
                || (invoking[(int) pp.pointer()] & 0xff) != SignallingPacket.MOBILITY_HEADER) {
            return false;
        }
        CorrespondentRegistration cr = entries.get(Ipv6Address.of(Arrays.copyOfRange(invoking, 24, 40)));
        if (cr == null || cr.state() == null || cr.state() == State.FAILED) {
            return false;
        }
        cr.unsupported();
        fellBack(cr);
        return true;
    }

    /** §11.5.5, §5.2.6: home again; each correspondent that may hold a binding is deregistered from home. */
    void cameHome(long now) {
        tunnelled.close();
        for (CorrespondentRegistration cr : entries.values()) {
            send(cr, cr.cameHome(now));
        }
    }

    /** Retransmissions and renewals that are due (§11.8, §11.7.2). */
    void tick(long now) {
        for (CorrespondentRegistration cr : entries.values()) {
            if (cr.nextAt() != 0 && now >= cr.nextAt()) {
                send(cr, cr.due(now));
                fellBack(cr);
            }
        }
    }

    void close() {
        tunnelled.close();
    }

    /** §11.7.2: the correspondent's traffic stays in the home agent's tunnel; why is counted once. */
    private void fellBack(CorrespondentRegistration cr) {
        if (cr.state() == State.FAILED && cr.fallbackReason() != null && cr.takeFallbackNews()) {
            stats.count("ro.fallback." + cr.fallbackReason());
            log.info("route optimisation with {} stopped: {}", cr.correspondent(), cr.fallbackReason());
        }
    }

    /** What an entry asks to send: from the home address while away the reverse tunnel's route takes it. */
    private void send(CorrespondentRegistration cr, List<CorrespondentRegistration.Outgoing> outgoing) {
        if (outgoing == null) {
            return;
        }
        Location l = node.location();
        for (CorrespondentRegistration.Outgoing o : outgoing) {
            // §11.6.1: no interface for the home address away, so the source route into the tunnel applies.
            int ifindex = o.source().equals(homeAddress) && l.away() ? 0 : l.ifindex();
            if (o.signed() != null) {
                out.encoded(o.signed(), o.message().name(), ifindex, o.source(), cr.correspondent(),
                        o.homeAddressOption(), o.kind());
            } else {
                out.mobility(o.message(), ifindex, o.source(), cr.correspondent(), o.homeAddressOption(), o.kind());
            }
        }
    }
}
