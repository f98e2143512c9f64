package mobility.ha;

import static mobility.api.wire.mh.BindingAcknowledgementStatus.DUPLICATE_ADDRESS_DETECTION_FAILED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.FORWARDING_SETUP_FAILED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.REASON_UNSPECIFIED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingEvents;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingPacket;
import mobility.api.wire.Lifetime;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobileNetworkPrefix;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The home registration procedure of RFC 6275 §10.3: from a received Binding Update to its Binding Acknowledgement,
 * through the decision of {@link HomeRegistrar}, Duplicate Address Detection for a first registration, the durable
 * store, the binding cache and the forwarding set-up. Each home address's work runs on its own worker, in order.
 */
final class HomeRegistration {

    private final MobilityHeaderCodec codec;
    private final HomeRegistrar registrar;
    private final HomeBindingCache cache;
    private final RegistrationEffects effects;
    private final HomeAgentStatistics stats;
    private final Workers workers;
    private final LongSupplier clock;
    private final boolean duplicateAddressDetection;
    private final int refreshAdviceSeconds;
    private final Predicate<SignallingPacket> protectedByIpsec;
    /** Each worker's forwarding changes, applied in batches after the store commits (§10.3.1). */
    private final ForwardingUpdates[] forwarding;
    /** Home addresses whose first registration waits for DAD, with the sequence number being registered. */
    private final Map<Ipv6Address, Integer> detecting = new ConcurrentHashMap<>();

    HomeRegistration(MobilityHeaderCodec codec, HomeRegistrar registrar, HomeBindingCache cache,
            RegistrationEffects effects, HomeAgentStatistics stats, Workers workers, LongSupplier clock,
            boolean duplicateAddressDetection, int refreshAdviceSeconds,
            Predicate<SignallingPacket> protectedByIpsec, int forwardingBatchSize) {
        this.codec = codec;
        this.registrar = registrar;
        this.cache = cache;
        this.effects = effects;
        this.stats = stats;
        this.workers = workers;
        this.clock = clock;
        this.duplicateAddressDetection = duplicateAddressDetection;
        this.refreshAdviceSeconds = refreshAdviceSeconds;
        this.protectedByIpsec = protectedByIpsec;
        this.forwarding = new ForwardingUpdates[workers.count()];
        for (int i = 0; i < forwarding.length; i++) {
            forwarding[i] = new ForwardingUpdates(workers.at(i), effects::apply, forwardingBatchSize, stats);
        }
    }

    private ForwardingUpdates forwardingOf(Ipv6Address homeAddress) {
        return forwarding[workers.indexOf(homeAddress)];
    }

    /**
     * Called from the signalling thread with a Binding Update the signalling service decoded and found to be a home
     * registration (H set, §10.3.1): queues it on its home address's worker.
     */
    void received(SignallingPacket packet, BindingUpdate update) {
        stats.count("mh.received");
        stats.count("bu.received");
        BindingRequest request = request(packet, update);
        if (!workers.submit(request.homeAddress(), () -> process(packet, update, request))) {
            stats.count("bu.drop.overload");
        }
    }

    /** What the update asks for, with the Alternate Care-of Address option applied (§6.2.5). */
    private BindingRequest request(SignallingPacket packet, BindingUpdate update) {
        Ipv6Address careOf = update.alternateCareOfAddress().map(a -> a.address()).orElse(packet.source());
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (MobileNetworkPrefix p : update.mobileNetworkPrefixes()) {
            prefixes.add(Ipv6Prefix.of(p.prefix(), p.prefixLength()));
        }
        return new BindingRequest(packet.effectiveSource(), careOf, update.sequenceNumber(), update.lifetime(),
                update.acknowledge(), update.homeRegistration(), update.linkLocalAddressCompatibility(),
                update.keyManagementMobilityCapability(), update.mobileRouter(), prefixes,
                protectedByIpsec.test(packet));
    }

    /** On the home address's worker. */
    void process(SignallingPacket packet, BindingUpdate update, BindingRequest request) {
        Ipv6Address hoa = request.homeAddress();
        Integer inDetection = detecting.get(hoa);
        if (inDetection != null) {
            // The first registration is still in DAD; its acknowledgement will answer a retransmission too.
            stats.count("bu.drop.dad_in_progress");
            return;
        }
        Binding existing = cache.get(hoa);
        Decision d = registrar.decide(request, existing, cache.size());
        switch (d.verdict()) {
            case DROP -> stats.count(d.dropReason());
            case REJECT -> acknowledge(packet, request, d.status(), d.sequence(), 0);
            case DEREGISTER -> deregister(packet, request, d);
            case UPDATE -> commit(packet, request, d, existing);
            case REGISTER_NEW -> {
                if (!duplicateAddressDetection) {
                    commit(packet, request, d, null);
                    return;
                }
                detecting.put(hoa, request.sequence());
                stats.count("dad.started");
                effects.duplicateDetected(hoa, request.linkLocalCompatibility()).whenCompleteAsync((duplicate, err) -> {
                    detecting.remove(hoa);
                    if (err != null || Boolean.TRUE.equals(duplicate)) {
                        stats.count(err != null ? "dad.error" : "dad.duplicate");
                        acknowledge(packet, request, DUPLICATE_ADDRESS_DETECTION_FAILED, request.sequence(), 0);
                    } else {
                        commit(packet, request, d, null);
                    }
                }, workers.of(hoa));
            }
        }
    }

    /**
     * Forwarding and the store at the same time, the acknowledgement when both are done. What is acknowledged survives
     * a crash (§10.3.1: the acknowledgement waits for the store, and for forwarding to be in place), but packets for a
     * node that moved take its new care-of address as soon as the kernel has it, while the store syncs to disk: a disk
     * busy for tens of milliseconds delays the Binding Acknowledgement, not the handover. The kernel change may go in
     * one batch with other bindings' ({@link ForwardingUpdates}). A crash before the store has the binding loses only
     * an unacknowledged update, which the mobile node retransmits (§11.8); a store that fails undoes the forwarding
     * and refuses.
     */
    private void commit(SignallingPacket packet, BindingRequest request, Decision d, Binding existing) {
        long now = clock.getAsLong();
        Binding binding = new Binding(request.homeAddress(), request.careOfAddress(), packet.destination(),
                d.sequence(), flags(request), d.lifetimeSeconds(), now, now + d.lifetimeSeconds() * 1000L,
                request.mobileNetworkPrefixes());
        Binding previous = cache.put(binding);
        CompletableFuture<Exception> forwarded = new CompletableFuture<>();
        forwardingOf(binding.homeAddress()).add(new ForwardingUpdates.Change(binding, previous, forwarded::complete));
        CompletionStage<Throwable> stored = effects.persist(binding).handle((v, err) -> err);
        forwarded.thenAcceptBothAsync(stored, (forwardingFailure, storeFailure) -> {
            if (forwardingFailure != null) {
                stats.count("forwarding.error");
                if (cache.get(binding.homeAddress()) == binding) {
                    cache.remove(binding.homeAddress());
                    effects.forget(binding.homeAddress());
                }
                acknowledge(packet, request, request.mobileRouter() ? FORWARDING_SETUP_FAILED : REASON_UNSPECIFIED,
                        d.sequence(), 0);
            } else if (storeFailure != null) {
                stats.count("store.error");
                undo(binding, previous, () -> acknowledge(packet, request, REASON_UNSPECIFIED, d.sequence(), 0));
            } else {
                stats.count(previous == null ? "binding.added" : "binding.updated");
                effects.post(previous == null ? BindingEvents.ADDED : BindingEvents.UPDATED, binding);
                acknowledge(packet, request, d.status(), d.sequence(), d.lifetimeSeconds());
            }
        }, workers.of(request.homeAddress()));
    }

    /**
     * The store refused {@code binding}: the cache and the forwarding go back to {@code previous} (or to none), unless
     * a later update of the same home address has replaced it meanwhile; {@code then} runs when that is done.
     */
    private void undo(Binding binding, Binding previous, Runnable then) {
        if (cache.get(binding.homeAddress()) != binding) {
            then.run();
            return;
        }
        if (previous == null) {
            cache.remove(binding.homeAddress());
        } else {
            cache.put(previous);
        }
        forwardingOf(binding.homeAddress()).add(new ForwardingUpdates.Change(previous, binding, failure -> {
            if (failure != null && previous != null) {
                stats.count("forwarding.error");
                cache.remove(previous.homeAddress());
                forwardingOf(previous.homeAddress()).add(new ForwardingUpdates.Change(null, previous, f -> { }));
            }
            then.run();
        }));
    }

    /** The lifetime of a binding ran out (it is no longer in the cache): forget it, stop forwarding. */
    void expired(Binding b) {
        effects.forget(b.homeAddress());
        forwardingOf(b.homeAddress()).add(new ForwardingUpdates.Change(null, b, failure -> {
            stats.count("binding.expired");
            effects.post(BindingEvents.EXPIRED, b);
        }));
    }

    /** §10.3.2: remove the binding, stop intercepting, acknowledge with lifetime 0. */
    private void deregister(SignallingPacket packet, BindingRequest request, Decision d) {
        effects.forget(request.homeAddress()).whenCompleteAsync((v, err) -> {
            if (err != null) {
                stats.count("store.error");
            }
            Binding old = cache.remove(request.homeAddress());
            if (old == null) {
                acknowledge(packet, request, d.status(), d.sequence(), 0);
                return;
            }
            forwardingOf(old.homeAddress()).add(new ForwardingUpdates.Change(null, old, failure -> {
                stats.count("binding.removed");
                effects.post(BindingEvents.REMOVED, old);
                acknowledge(packet, request, d.status(), d.sequence(), 0);
            }));
        }, workers.of(request.homeAddress()));
    }

    /**
     * §10.3.1: acknowledge when asked (A flag) and always when refusing. §9.5.4: to the update's source address,
     * with a type 2 routing header carrying the home address when that source was a care-of address.
     */
    private void acknowledge(SignallingPacket packet, BindingRequest request, int status, int sequence,
            int lifetimeSeconds) {
        if (!request.acknowledge() && status < 128) {
            return;
        }
        int flags = request.mobileRouter() && status < 128 ? BindingAcknowledgement.MOBILE_ROUTER : 0;
        int units = Lifetime.toUnits(lifetimeSeconds);
        BindingAcknowledgement ba = refreshAdviceSeconds > 0 && status < 128 && refreshAdviceSeconds < lifetimeSeconds
                ? new BindingAcknowledgement(status, flags, sequence, units,
                        new BindingRefreshAdvice(Lifetime.toUnits(refreshAdviceSeconds)))
                : new BindingAcknowledgement(status, flags, sequence, units);
        Ipv6Address hoa = request.homeAddress();
        Ipv6Address to = packet.source();
        effects.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, 0, packet.destination(), to, null,
                to.equals(hoa) ? null : hoa, 64, encode(ba)));
        stats.acknowledgementSent(status);
    }

    private byte[] encode(MobilityMessage message) {
        byte[] b = new byte[codec.encodedLength(message)];
        codec.encodeUnchecksummed(message, b, 0);
        return b;
    }

    private static int flags(BindingRequest r) {
        return Binding.HOME_REGISTRATION | (r.acknowledge() ? Binding.ACKNOWLEDGE : 0)
                | (r.linkLocalCompatibility() ? Binding.LINK_LOCAL_COMPATIBILITY : 0)
                | (r.keyManagement() ? Binding.KEY_MANAGEMENT : 0) | (r.mobileRouter() ? Binding.MOBILE_ROUTER : 0);
    }
}
