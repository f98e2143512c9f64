package mobility.cn;

import java.util.List;
import java.util.function.LongSupplier;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingEvents;
import mobility.api.binding.BindingKey;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.Lifetime;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshRequest;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.rr.BindingManagementKey;

/**
 * What a correspondent node does with the signalling it receives (RFC 6275 §9.3–§9.5): Home and Care-of Tests for
 * the inits, the decision of {@link CorrespondentRegistrar} applied to the binding cache, the Binding
 * Acknowledgement (§9.5.4), Binding Errors for a Home Address option without a binding (§9.3.1), and the Binding
 * Refresh Requests and expiry of the cache's timer (§9.5.5). Runs on the signalling thread, one message at a time.
 */
final class CorrespondentRegistration {

    /** Where the results go: the signalling service, the store and EventAdmin. */
    interface Effects {
        void send(SignallingPacket packet);

        void persist(Binding binding);

        void forget(Binding binding);

        void post(String topic, Binding binding);
    }

    private final MobilityHeaderCodec codec;
    private final ReturnRoutabilityResponder rr;
    private final CorrespondentRegistrar registrar;
    private final CorrespondentBindingCache cache;
    private final Effects effects;
    private final Counters stats;
    private final LongSupplier clock;
    private final ErrorRateLimit bindingErrors;

    CorrespondentRegistration(MobilityHeaderCodec codec, ReturnRoutabilityResponder rr,
            CorrespondentRegistrar registrar, CorrespondentBindingCache cache, Effects effects, Counters stats,
            LongSupplier clock, ErrorRateLimit bindingErrors) {
        this.codec = codec;
        this.rr = rr;
        this.registrar = registrar;
        this.cache = cache;
        this.effects = effects;
        this.stats = stats;
        this.clock = clock;
        this.bindingErrors = bindingErrors;
    }

    void received(SignallingPacket p, MobilityMessage m) {
        if (m instanceof BindingUpdate bu) {
            stats.count("bu.received");
            bindingUpdate(p, bu);
            return;
        }
        if (p.homeAddress() != null) {
            // §9.3.1: a Home Address option is taken only from a node this one holds a binding for.
            if (cache.lookup(new BindingKey(p.finalDestination(), p.homeAddress())).isEmpty()) {
                unknownBinding(p);
                return;
            }
            // §9.4.1, §9.4.2: the inits never carry a Home Address option; such a packet is silently ignored.
            stats.count("init.drop.home_address_option");
            return;
        }
        if (m instanceof HomeTestInit hoti) {
            stats.count("hoti.received");
            // §9.4.3: to the home address the init came from (through the home agent's tunnel), from the address
            // it was sent to.
            send(p.destination(), p.source(), null, rr.homeTest(hoti, p.source()), null, null, "hot.sent");
        } else if (m instanceof CareOfTestInit coti) {
            stats.count("coti.received");
            send(p.destination(), p.source(), null, rr.careOfTest(coti, p.source()), null, null, "cot.sent");
        } else {
            stats.count("mh.ignored.type." + m.mhType());
        }
    }

    private void bindingUpdate(SignallingPacket p, BindingUpdate bu) {
        Ipv6Address local = p.finalDestination();
        Ipv6Address home = p.effectiveSource();
        BindingKey key = new BindingKey(local, home);
        Binding existing = cache.get(key);
        CorrespondentRegistrar.Decision d = registrar.decide(bu, p.source(), home, local, p.message(), existing);
        switch (d.action()) {
            case DISCARD -> stats.count("bu.drop." + d.reason());
            case REFUSE -> {
                stats.count("bu.refused." + d.reason());
                acknowledge(p, local, home, d, d.status(), 0);
            }
            case DELETE -> {
                Binding old = cache.remove(key);
                if (old != null) {
                    effects.forget(old);
                    effects.post(BindingEvents.REMOVED, old);
                    stats.count("binding.deleted");
                }
                if (bu.acknowledge()) {
                    acknowledge(p, local, home, d, d.status(), 0);
                }
            }
            case BIND -> {
                long now = clock.getAsLong();
                Binding b = new Binding(home, d.careOf(), local, d.sequence(),
                        bu.acknowledge() ? Binding.ACKNOWLEDGE : 0, d.lifetimeSeconds(), now,
                        now + d.lifetimeSeconds() * 1000L, List.of());
                Binding old = cache.put(b);
                effects.persist(b);
                effects.post(old == null ? BindingEvents.ADDED : BindingEvents.UPDATED, b);
                stats.count(old == null ? "binding.added" : "binding.updated");
                if (bu.acknowledge()) {
                    acknowledge(p, local, home, d, d.status(), d.lifetimeSeconds());
                }
            }
        }
    }

    /**
     * §9.5.4: to the care-of address, through a Type 2 routing header to the home address where they differ; with
     * Binding Authorization Data made with Kbm whenever Kbm could be made (§6.1.8: every acknowledgement a
     * correspondent sends after return routability carries it; an expired nonce leaves nothing to make it with).
     */
    private void acknowledge(SignallingPacket p, Ipv6Address local, Ipv6Address home,
            CorrespondentRegistrar.Decision d, int status, int lifetimeSeconds) {
        BindingManagementKey kbm = d.kbm();
        BindingAcknowledgement ba = kbm == null
                ? new BindingAcknowledgement(status, 0, d.sequence(), Lifetime.toUnits(lifetimeSeconds))
                : new BindingAcknowledgement(status, 0, d.sequence(), Lifetime.toUnits(lifetimeSeconds),
                        BindingAuthorizationData.UNSIGNED);
        Ipv6Address careOf = d.careOf() != null ? d.careOf() : p.source();
        send(local, careOf, careOf.equals(home) ? null : home, ba, kbm, careOf, "ba.sent.status." + status);
    }

    /** §9.3.1: Binding Error status 1 to the packet's source, rate-limited (§9.3.3). */
    private void unknownBinding(SignallingPacket p) {
        stats.count("hao.no_binding");
        if (!bindingErrors.tryAcquire()) {
            stats.count("be.rate_limited");
            return;
        }
        send(p.finalDestination(), p.source(), null,
                new BindingError(BindingError.UNKNOWN_BINDING_FOR_HOME_ADDRESS_OPTION, p.homeAddress()), null, null,
                "be.sent.status.1");
    }

    /** §9.5.5: ask the mobile node for a fresh Binding Update before the binding runs out. */
    void refreshDue(Binding b) {
        send(b.localAddress(), b.careOfAddress(), b.homeAddress(), new BindingRefreshRequest(), null, null,
                "brr.sent");
    }

    void expired(Binding b) {
        effects.forget(b);
        effects.post(BindingEvents.EXPIRED, b);
        stats.count("binding.expired");
    }

    /**
     * Encodes (the signalling service fills the checksum) and, with {@code kbm}, signs: the Binding Authorization
     * Data option is the message's last (§6.2.7), its authenticator over care-of address, correspondent and the
     * message (§5.2.6).
     */
    private void send(Ipv6Address from, Ipv6Address to, Ipv6Address routingHeader, MobilityMessage m,
            BindingManagementKey kbm, Ipv6Address careOfForKbm, String counter) {
        byte[] out = new byte[codec.encodedLength(m)];
        codec.encodeUnchecksummed(m, out, 0);
        if (kbm != null) {
            kbm.sign(careOfForKbm, from, out, 0, out.length);
        }
        effects.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, from, to, null, routingHeader, 64,
                out));
        stats.count(counter);
    }
}
