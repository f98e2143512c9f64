package mobility.mn;

import java.util.List;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.Lifetime;
import mobility.api.wire.SequenceNumber;
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingUpdate;

/**
 * One home registration of the Binding Update List (RFC 6275 §11.7.1, §11.8): which care-of address was last sent
 * to the home agent, under which sequence number, whether it was acknowledged, and when the next Binding Update —
 * a retransmission with exponential back-off, or a refresh before the binding expires — is due.
 *
 * <p>Pure: the caller sends the Binding Updates it returns and calls {@link #due} when {@link #nextAt} comes.
 * Confined to one thread.
 */
final class HomeRegistration implements Registration {

    private final Ipv6Address homeAddress;
    private final RegistrationTimers timers;
    private final int lifetimeSeconds;
    private Ipv6Address homeAgent;
    private Ipv6Address careOf;
    private String interfaceName = "";
    private int sequence;
    /** The sequence number of the first Binding Update of the current attempt (before its retransmissions). */
    private int attemptStart;
    private State state;
    private boolean everAccepted;
    private int retransmissions;
    private long timeout;
    private long sentAt;
    private long nextAt;
    private long expiresAt;
    private int grantedSeconds;
    private int lastStatus = -1;
    private boolean linkLocalCompatibility;

    HomeRegistration(Ipv6Address homeAddress, Ipv6Address homeAgent, int lifetimeSeconds, int initialSequence,
            RegistrationTimers timers) {
        this.homeAddress = homeAddress;
        this.homeAgent = homeAgent;
        this.lifetimeSeconds = lifetimeSeconds;
        this.sequence = initialSequence & 0xffff;
        this.timers = timers;
    }

    /** §11.7.1: register {@code newCareOf} (a move, or the first registration); returns the update to send. */
    BindingUpdate register(Ipv6Address newCareOf, String newInterface, long now) {
        careOf = newCareOf;
        interfaceName = newInterface;
        state = State.WAITING_FOR_ACK;
        return send(now, everAccepted ? timers.initial() : timers.initialFirstRegistration(), lifetimeSeconds);
    }

    /**
     * Whether the home agent holds, or is being asked for, a binding of the home address to {@code someCareOf} on
     * {@code someInterface}: registered there, or an update for it in flight (retransmitted by {@link #due} until
     * answered). §11.7.1 sends a Binding Update when the care-of address changes; back at the same one (a router that
     * missed its advertised interval and was heard again, a link that went down and up without a move, §11.5.1),
     * nothing changed for the home agent.
     */
    boolean holds(Ipv6Address someCareOf, String someInterface) {
        return (state == State.REGISTERED || state == State.WAITING_FOR_ACK) && someCareOf.equals(careOf)
                && someInterface.equals(interfaceName);
    }

    /** §11.5.5: returning home, the care-of address becomes the home address and the lifetime zero. */
    BindingUpdate deregister(long now) {
        careOf = homeAddress;
        state = State.DEREGISTERING;
        return send(now, timers.initial(), 0);
    }

    /** §11.7.4: a Binding Refresh Request from the home agent asks for a fresh update now. */
    BindingUpdate refreshRequested(long now) {
        if (state != State.REGISTERED && state != State.WAITING_FOR_ACK) {
            return null;
        }
        state = State.WAITING_FOR_ACK;
        return send(now, timers.initial(), lifetimeSeconds);
    }

    /** Called at {@link #nextAt}: a retransmission (§11.8) or a refresh; null when nothing is due. */
    BindingUpdate due(long now) {
        if (state == null || nextAt == 0 || now < nextAt) {
            return null;
        }
        switch (state) {
            case WAITING_FOR_ACK, DEREGISTERING -> {
                // §11.8: the same update again, with a new sequence number, waiting twice as long up to the maximum.
                retransmissions++;
                long next = Math.min(timeout * 2, timers.max());
                return send(now, next, state == State.DEREGISTERING ? 0 : lifetimeSeconds, retransmissions);
            }
            case REGISTERED -> {
                state = State.WAITING_FOR_ACK;
                return send(now, timers.initial(), lifetimeSeconds);
            }
            default -> {
                return null;
            }
        }
    }

    /** What an acknowledgement means for this registration (§11.7.3). */
    enum Outcome {
        /** Not for the update in flight (old sequence number, or nothing in flight). */
        IGNORED,
        /** Accepted: the binding holds until {@link #expiresAt}. */
        REGISTERED,
        /** The deregistration was accepted: the entry can go. */
        DEREGISTERED,
        /** Status 135: the sequence number was resynchronised and a new update is due at once. */
        RESEND,
        /** Refused with a status that resending will not change. */
        REFUSED
    }

    Outcome acknowledged(BindingAcknowledgement ba, long now) {
        if (state != State.WAITING_FOR_ACK && state != State.DEREGISTERING) {
            return Outcome.IGNORED;
        }
        if (ba.status() == BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW) {
            // §11.7.3: the acknowledgement carries the last sequence number the home agent accepted.
            sequence = ba.sequenceNumber();
            lastStatus = ba.status();
            nextAt = now;
            return Outcome.RESEND;
        }
        if (!inCurrentAttempt(ba.sequenceNumber())) {
            return Outcome.IGNORED;
        }
        lastStatus = ba.status();
        retransmissions = 0;
        if (!ba.accepted()) {
            state = State.FAILED;
            nextAt = 0;
            return Outcome.REFUSED;
        }
        if (state == State.DEREGISTERING) {
            state = null; // §11.5.5: the entry leaves the Binding Update List
            nextAt = 0;
            expiresAt = 0;
            grantedSeconds = 0;
            everAccepted = false;
            return Outcome.DEREGISTERED;
        }
        everAccepted = true;
        state = State.REGISTERED;
        grantedSeconds = (int) ba.lifetimeSeconds();
        // §11.7.3: the granted lifetime counts from when the update was sent, not from when the answer came.
        expiresAt = sentAt + grantedSeconds * 1000L;
        long refreshIn = (long) (grantedSeconds * 1000L * timers.refreshFraction());
        if (ba.bindingRefreshAdvice().isPresent()) {
            refreshIn = Math.min(refreshIn, ba.bindingRefreshAdvice().get().refreshIntervalSeconds() * 1000);
        }
        nextAt = sentAt + Math.max(refreshIn, timers.initial());
        return Outcome.REGISTERED;
    }

    /**
     * §11.7.3 asks for the sequence number of the Binding Update sent. Retransmissions (§11.8) carry new numbers for
     * the same request; when the answer to an earlier copy arrives after a later copy went out (the home agent first
     * had to resolve a neighbour, say), it answers the same request and is taken.
     */
    private boolean inCurrentAttempt(int acknowledged) {
        return acknowledged == sequence || acknowledged == attemptStart
                || SequenceNumber.isLessThan(attemptStart, acknowledged)
                        && SequenceNumber.isLessThan(acknowledged, sequence);
    }

    private BindingUpdate send(long now, long wait, int lifetime) {
        BindingUpdate bu = send(now, wait, lifetime, 0);
        attemptStart = sequence;
        return bu;
    }

    private BindingUpdate send(long now, long wait, int lifetime, int resent) {
        sequence = SequenceNumber.next(sequence);
        retransmissions = resent;
        timeout = wait;
        sentAt = now;
        nextAt = now + wait;
        int flags = BindingUpdate.ACKNOWLEDGE | BindingUpdate.HOME_REGISTRATION
                | (linkLocalCompatibility ? BindingUpdate.LINK_LOCAL_ADDRESS_COMPATIBILITY : 0);
        // §6.2.5, §11.7.1: the care-of address in the message itself too, where IPsec protects it.
        return careOf.equals(homeAddress) ? new BindingUpdate(sequence, flags, Lifetime.toUnits(lifetime))
                : new BindingUpdate(sequence, flags, Lifetime.toUnits(lifetime),
                        List.of(new AlternateCareOfAddress(careOf)));
    }

    void homeAgent(Ipv6Address address) {
        homeAgent = address;
    }

    void linkLocalCompatibility(boolean on) {
        linkLocalCompatibility = on;
    }

    Ipv6Address homeAgent() {
        return homeAgent;
    }

    Ipv6Address careOf() {
        return careOf;
    }

    @Override
    public State state() {
        return state;
    }

    long nextAt() {
        return nextAt;
    }

    long expiresAt() {
        return expiresAt;
    }

    int sequence() {
        return sequence;
    }

    /** The Binding Update List entry as the operator sees it. */
    @Override
    public BindingUpdateListEntry entry() {
        int flags = Binding.HOME_REGISTRATION | Binding.ACKNOWLEDGE
                | (linkLocalCompatibility ? Binding.LINK_LOCAL_COMPATIBILITY : 0);
        return new BindingUpdateListEntry(homeAgent, homeAddress, careOf, interfaceName, sequence, flags,
                state == State.DEREGISTERING ? 0 : lifetimeSeconds, grantedSeconds, expiresAt,
                state == null ? State.WAITING_FOR_ACK : state, retransmissions, nextAt, lastStatus);
    }
}
