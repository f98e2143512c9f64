package mobility.ha;

import static mobility.api.wire.mh.BindingAcknowledgementStatus.ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.INSUFFICIENT_RESOURCES;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.INVALID_PREFIX;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.MOBILE_ROUTER_OPERATION_NOT_PERMITTED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.NOT_HOME_SUBNET;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.REGISTRATION_TYPE_CHANGE_DISALLOWED;
import static mobility.api.wire.mh.BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW;

import java.util.List;
import java.util.function.ToLongFunction;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.wire.Lifetime;
import mobility.api.wire.SequenceNumber;

/**
 * Decides what a home agent does with a home registration: the checks of RFC 6275 §9.5.1 (any Binding Update) and
 * §10.3.1/§10.3.2 (home registration and deregistration), and NEMO's of RFC 3963 §6.1. Pure: it reads the existing
 * binding and the policy, and changes nothing.
 */
final class HomeRegistrar {

    /** What the registrar needs to know of the home agent's policy. */
    record Policy(List<Ipv6Prefix> homePrefixes, int maxLifetimeSeconds, int bindingLimit, boolean ipsecRequired,
            boolean mobileRoutersPermitted) {
    }

    /** §6.1.7: the lifetime field counts units of 4 seconds. */
    static final int LIFETIME_UNIT_SECONDS = Lifetime.UNIT_SECONDS;

    private final Policy policy;
    /** Remaining valid lifetime, in seconds, of the home prefix holding an address (Long.MAX_VALUE: infinite). */
    private final ToLongFunction<Ipv6Prefix> prefixValidLifetime;

    HomeRegistrar(Policy policy, ToLongFunction<Ipv6Prefix> prefixValidLifetime) {
        this.policy = policy;
        this.prefixValidLifetime = prefixValidLifetime;
    }

    /**
     * @param request the Binding Update
     * @param existing the current binding of its home address, or null
     * @param cacheSize how many bindings the cache holds now
     */
    Decision decide(BindingRequest request, Binding existing, int cacheSize) {
        // §9.5.1 and RFC 3776 §4.1: an unprotected home registration is discarded when IPsec is required.
        if (policy.ipsecRequired() && !request.protectedByIpsec()) {
            return Decision.drop("bu.drop.not_protected");
        }
        // §9.5.1: the home address must be a unicast routable address.
        if (!unicastRoutable(request.homeAddress())) {
            return Decision.drop("bu.drop.home_address_not_unicast");
        }
        // §9.5.1, §6.2.5: so must the care-of address, taken from the Alternate Care-of Address option if present.
        if (!unicastRoutable(request.careOfAddress())) {
            return Decision.drop("bu.drop.care_of_address_not_unicast");
        }
        if (!request.homeRegistration()) {
            // §10.3.1: a home registration may not be turned into a correspondent registration. Without an existing
            // home binding the BU is a correspondent registration, which is the correspondent node role's to answer.
            return existing != null && existing.has(Binding.HOME_REGISTRATION)
                    ? Decision.reject(REGISTRATION_TYPE_CHANGE_DISALLOWED, request.sequence())
                    : Decision.drop("bu.drop.correspondent_registration");
        }
        Ipv6Prefix homePrefix = homePrefixOf(request.homeAddress());
        // §10.3.1: the home address must be on one of the home agent's home subnet prefixes.
        if (homePrefix == null) {
            return Decision.reject(NOT_HOME_SUBNET, request.sequence());
        }
        // §9.5.1: the sequence number must be greater, modulo 2^16, than the last accepted; status 135 carries that.
        if (existing != null && !SequenceNumber.isNewer(request.sequence(), existing.sequence())) {
            return Decision.reject(SEQUENCE_NUMBER_OUT_OF_WINDOW, existing.sequence());
        }
        if (request.isDeregistration()) {
            return new Decision(Decision.Verdict.DEREGISTER, BINDING_UPDATE_ACCEPTED, 0, request.sequence(), null);
        }
        // RFC 3963 §6.1: the R flag asks for mobile router service, which the policy may refuse.
        if (request.mobileRouter() && !policy.mobileRoutersPermitted()) {
            return Decision.reject(MOBILE_ROUTER_OPERATION_NOT_PERMITTED, request.sequence());
        }
        // RFC 3963 §6.1: a mobile network prefix may not overlap the home subnet prefix.
        for (Ipv6Prefix p : request.mobileNetworkPrefixes()) {
            if (!request.mobileRouter() || p.contains(homePrefix.address()) || homePrefix.contains(p.address())) {
                return Decision.reject(INVALID_PREFIX, request.sequence());
            }
        }
        if (existing == null && cacheSize >= policy.bindingLimit()) {
            return Decision.reject(INSUFFICIENT_RESOURCES, request.sequence());
        }
        int lifetime = grantedLifetime(request, homePrefix);
        // §10.3.1: a home prefix with too little lifetime left to grant anything: the mobile node must rediscover.
        int status = lifetime == 0 ? ACCEPTED_BUT_PREFIX_DISCOVERY_NECESSARY : BINDING_UPDATE_ACCEPTED;
        if (lifetime == 0) {
            lifetime = LIFETIME_UNIT_SECONDS;
        }
        return new Decision(existing == null ? Decision.Verdict.REGISTER_NEW : Decision.Verdict.UPDATE, status,
                lifetime, request.sequence(), null);
    }

    /**
     * §10.3.1: no more than asked, than the policy allows, or than the home prefix has left of its valid lifetime;
     * rounded down to whole 4-second units because that is all the acknowledgement can carry.
     */
    private int grantedLifetime(BindingRequest request, Ipv6Prefix homePrefix) {
        long asked = (long) request.lifetimeUnits() * LIFETIME_UNIT_SECONDS;
        long granted = Math.min(asked, policy.maxLifetimeSeconds());
        granted = Math.min(granted, prefixValidLifetime.applyAsLong(homePrefix));
        return (int) (granted / LIFETIME_UNIT_SECONDS * LIFETIME_UNIT_SECONDS);
    }

    Ipv6Prefix homePrefixOf(Ipv6Address homeAddress) {
        for (Ipv6Prefix p : policy.homePrefixes()) {
            if (p.contains(homeAddress)) {
                return p;
            }
        }
        return null;
    }

    /** Not unspecified, loopback, multicast or link-local (RFC 4291 §2.4). */
    static boolean unicastRoutable(Ipv6Address a) {
        return !a.isUnspecified() && !a.isMulticast() && !a.isLinkLocal()
                && !(a.high() == 0 && a.low() == 1);
    }
}
