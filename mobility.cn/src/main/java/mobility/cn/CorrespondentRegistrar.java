package mobility.cn;

import java.util.List;
import java.util.Optional;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.Lifetime;
import mobility.api.wire.SequenceNumber;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.rr.BindingManagementKey;
import mobility.api.wire.rr.Nonce;

/**
 * Whether a correspondent node accepts a Binding Update (RFC 6275 §9.5.1), and what it then does (§9.5.2 create or
 * refresh, §9.5.3 delete): the Nonce Indices name nonces still valid, Kbm made from the keygen tokens they give
 * authorizes the update (Binding Authorization Data, §5.2.6), the sequence number is newer than the binding's, the
 * home address is one this node lets bind, and the lifetime is capped at MAX_RR_BINDING_LIFETIME (§12). Pure and
 * thread-safe: the caller owns the binding cache and sends the answer.
 */
final class CorrespondentRegistrar {

    /** §12: MAX_RR_BINDING_LIFETIME, 420 s. */
    static final int MAX_RR_BINDING_LIFETIME = 420;

    /** What to do with one Binding Update. */
    enum Action {
        /** Create or refresh the binding (§9.5.2); acknowledge if A is set. */
        BIND,
        /** Delete the binding (§9.5.3); acknowledge if A is set. */
        DELETE,
        /** Refuse with {@link Decision#status()}; a Binding Acknowledgement goes whether or not A is set. */
        REFUSE,
        /** Drop without an answer (§9.5.1: no Nonce Indices or Binding Authorization Data, a wrong authenticator). */
        DISCARD
    }

    /**
     * @param reason the counter suffix for a refusal or a discard ("authenticator", "no_nonce_indices", …)
     * @param kbm the key that authorized the update, for the acknowledgement's own authenticator; null when none
     *        could be made (expired nonces) or the update was discarded
     * @param careOf the care-of address the binding is for
     */
    record Decision(Action action, int status, int sequence, int lifetimeSeconds, String reason,
            BindingManagementKey kbm, Ipv6Address careOf) {
    }

    /** The correspondent's policy: who may bind and for how long at most. */
    record Policy(List<Ipv6Prefix> permittedHomePrefixes, int maxLifetimeSeconds) {
        Policy {
            permittedHomePrefixes = List.copyOf(permittedHomePrefixes);
            maxLifetimeSeconds = Math.min(Math.max(maxLifetimeSeconds, 0), MAX_RR_BINDING_LIFETIME);
        }

        boolean permits(Ipv6Address homeAddress) {
            return permittedHomePrefixes.isEmpty()
                    || permittedHomePrefixes.stream().anyMatch(p -> p.contains(homeAddress));
        }
    }

    private final ReturnRoutabilityResponder rr;
    private final Policy policy;

    CorrespondentRegistrar(ReturnRoutabilityResponder rr, Policy policy) {
        this.rr = rr;
        this.policy = policy;
    }

    Policy policy() {
        return policy;
    }

    /**
     * @param source the packet's source address: the care-of address, or the home address when the mobile node
     *        deregisters from home without a Home Address option (§11.7.2)
     * @param homeAddress the Home Address option's address, or the source when there was none
     * @param local this node's address the update was sent to (the correspondent address in the authenticator)
     * @param mh the Mobility Header as received, for the authenticator (§5.2.6)
     * @param existing the binding this node holds for the home address at {@code local}, or null
     */
    Decision decide(BindingUpdate bu, Ipv6Address source, Ipv6Address homeAddress, Ipv6Address local, byte[] mh,
            Binding existing) {
        int seq = bu.sequenceNumber();
        Optional<NonceIndices> indices = bu.nonceIndices();
        if (indices.isEmpty()) {
            return discard(seq, "no_nonce_indices");
        }
        if (bu.bindingAuthorizationData().isEmpty()) {
            return discard(seq, "no_authorization_data");
        }
        // §6.2.5, §9.5.1: the Alternate Care-of Address option, where present, names the care-of address.
        Ipv6Address careOf = bu.alternateCareOfAddress().map(a -> a.address()).orElse(source);
        // §5.2.6: at home the care-of address is the home address, and Kbm comes from the home keygen token alone.
        boolean atHome = careOf.equals(homeAddress);
        Optional<Nonce> home = rr.nonces().valid(indices.get().homeNonceIndex());
        Optional<Nonce> careOfNonce = atHome ? Optional.empty() : rr.nonces().valid(indices.get().careOfNonceIndex());
        if (home.isEmpty() && (atHome || careOfNonce.isEmpty())) {
            return refuse(atHome ? BindingAcknowledgementStatus.EXPIRED_HOME_NONCE_INDEX
                    : BindingAcknowledgementStatus.EXPIRED_NONCES, seq, "expired_nonces", null, careOf);
        }
        if (home.isEmpty()) {
            return refuse(BindingAcknowledgementStatus.EXPIRED_HOME_NONCE_INDEX, seq, "expired_home_nonce", null,
                    careOf);
        }
        if (!atHome && careOfNonce.isEmpty()) {
            return refuse(BindingAcknowledgementStatus.EXPIRED_CARE_OF_NONCE_INDEX, seq, "expired_careof_nonce", null,
                    careOf);
        }
        long homeToken = rr.kcn().homeKeygenToken(homeAddress, home.get().value());
        BindingManagementKey kbm = atHome ? BindingManagementKey.forDeregistration(homeToken)
                : BindingManagementKey.of(homeToken, rr.kcn().careOfKeygenToken(careOf, careOfNonce.get().value()));
        if (!kbm.verifies(careOf, local, mh, 0, mh.length, bu)) {
            return discard(seq, "authenticator");
        }
        if (existing != null && !SequenceNumber.isNewer(seq, existing.sequence())) {
            // §9.5.1: status 135 carries the last sequence number this node accepted.
            return refuse(BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW, existing.sequence(),
                    "sequence", kbm, careOf);
        }
        if (!policy.permits(homeAddress)) {
            return refuse(BindingAcknowledgementStatus.ADMINISTRATIVELY_PROHIBITED, seq, "prohibited", kbm, careOf);
        }
        long requested = Lifetime.toSeconds(bu.lifetime());
        if (requested == 0 || atHome) {
            return new Decision(Action.DELETE, BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED, seq, 0, "deleted", kbm, careOf);
        }
        int granted = (int) Math.min(requested, policy.maxLifetimeSeconds());
        // Lifetimes travel in units of 4 s: what is granted is what the acknowledgement can say.
        granted = (int) Lifetime.toSeconds(Lifetime.toUnits(granted));
        return new Decision(Action.BIND, BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED, seq, granted, "bound", kbm, careOf);
    }

    private static Decision discard(int seq, String reason) {
        return new Decision(Action.DISCARD, -1, seq, 0, reason, null, null);
    }

    private static Decision refuse(int status, int seq, String reason, BindingManagementKey kbm, Ipv6Address careOf) {
        return new Decision(Action.REFUSE, status, seq, 0, reason, kbm, careOf);
    }
}
