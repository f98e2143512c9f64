package mobility.api.binding;

import java.util.Objects;

import mobility.api.net.Ipv6Address;

/**
 * One entry of a mobile node's Binding Update List (RFC 6275 §11.1): a binding it asked a home agent or a
 * correspondent node for, and where that registration stands.
 *
 * @param destination the home agent or correspondent node the Binding Update went to
 * @param homeAddress the home address being bound
 * @param careOfAddress the care-of address in the last Binding Update sent
 * @param interfaceName the interface the care-of address belongs to
 * @param sequence the sequence number of the last Binding Update sent (§11.1)
 * @param flags the flags of the last Binding Update, as in {@link Binding}
 * @param lifetimeRequestedSeconds the lifetime asked for
 * @param lifetimeGrantedSeconds the lifetime granted by the last accepted acknowledgement, 0 before that
 * @param expiresAtMillis when the granted binding expires (epoch ms), 0 while none is granted
 * @param state where the registration stands
 * @param retransmissions Binding Updates resent for the current registration (§11.8)
 * @param nextTransmissionAtMillis when the next Binding Update (retransmission or refresh) is due, 0 for none
 * @param lastStatus the status of the last Binding Acknowledgement received, -1 before any
 * @param returnRoutability for a correspondent, where return routability stands; null for a home registration
 */
public record BindingUpdateListEntry(Ipv6Address destination, Ipv6Address homeAddress, Ipv6Address careOfAddress,
        String interfaceName, int sequence, int flags, int lifetimeRequestedSeconds, int lifetimeGrantedSeconds,
        long expiresAtMillis, State state, int retransmissions, long nextTransmissionAtMillis, int lastStatus,
        ReturnRoutabilityState returnRoutability) {

    /** Where a registration stands. */
    public enum State {
        /** Return routability runs (§11.6): a Home or Care-of Test is awaited before a Binding Update can go. */
        RETURN_ROUTABILITY,
        /** A Binding Update was sent and its acknowledgement is awaited. */
        WAITING_FOR_ACK,
        /** Accepted; refreshed before it expires. */
        REGISTERED,
        /** A deregistration was sent (returning home, §11.5.5) and its acknowledgement is awaited. */
        DEREGISTERING,
        /**
         * Refused with a status that retrying will not change, or no answer within the back-off limit. For a
         * correspondent: traffic goes through the home agent's tunnel (§11.7.2), and {@code lastStatus} or the
         * counters say why.
         */
        FAILED
    }

    /** A home registration entry (no return-routability state). */
    public BindingUpdateListEntry(Ipv6Address destination, Ipv6Address homeAddress, Ipv6Address careOfAddress,
            String interfaceName, int sequence, int flags, int lifetimeRequestedSeconds, int lifetimeGrantedSeconds,
            long expiresAtMillis, State state, int retransmissions, long nextTransmissionAtMillis, int lastStatus) {
        this(destination, homeAddress, careOfAddress, interfaceName, sequence, flags, lifetimeRequestedSeconds,
                lifetimeGrantedSeconds, expiresAtMillis, state, retransmissions, nextTransmissionAtMillis, lastStatus,
                null);
    }

    /** A home registration when H is set, a correspondent registration otherwise. */
    public BindingKind kind() {
        return BindingKind.of(flags);
    }

    public BindingUpdateListEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(state, "state");
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Seconds left of the granted binding at {@code nowMillis}, never negative. */
    public long remainingSeconds(long nowMillis) {
        return expiresAtMillis == 0 ? 0 : Math.max(0, (expiresAtMillis - nowMillis) / 1000);
    }
}
