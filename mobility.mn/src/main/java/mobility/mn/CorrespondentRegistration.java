package mobility.mn;

import java.util.ArrayList;
import java.util.List;

import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.binding.BindingUpdateListEntry.State;
import mobility.api.binding.ReturnRoutabilityState;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.Lifetime;
import mobility.api.wire.SequenceNumber;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.rr.BindingManagementKey;

/**
 * One correspondent's entry of the Binding Update List (RFC 6275 §11.1) and the return routability that authorizes
 * it (§5.2.5, §11.6, §11.7.2): the Home Test Init goes from the home address, so through the reverse tunnel while
 * away; the Care-of Test Init from the care-of address; once both tokens are at hand the Binding Update goes with
 * Nonce Indices and Binding Authorization Data signed with Kbm. Every move sends a new Care-of Test Init (the home
 * token stays good for MAX_TOKEN_LIFETIME), so the care-of nonce index in a Binding Update is always the one of the
 * latest Care-of Test (§11.6.2; UMIP kept a stale one). Before the binding or a token runs out the procedure runs
 * again, so a conversation longer than MAX_RR_BINDING_LIFETIME keeps its binding (§11.7.2; UMIP let it lapse). Back
 * home the node deregisters with the home keygen token alone (§5.2.6), and an entry of a node at home never sends a
 * Binding Update with a care-of address it left.
 *
 * <p>Pure: the caller sends what the methods return and calls {@link #due} at {@link #nextAt}. One thread.
 */
final class CorrespondentRegistration implements Registration {

    /** §12: MAX_TOKEN_LIFETIME, how long a keygen token may be used after it arrived. */
    static final long MAX_TOKEN_LIFETIME_MILLIS = 210_000;
    /** §12: MAX_RR_BINDING_LIFETIME. */
    static final int MAX_RR_BINDING_LIFETIME = 420;
    /** A token is not used for a new Binding Update this close to the end of its life: the update takes a while. */
    static final long TOKEN_MARGIN_MILLIS = 10_000;

    /** What to send and how: from the home address (through the reverse tunnel while away) or the care-of address. */
    record Outgoing(MobilityMessage message, byte[] signed, Ipv6Address source, Ipv6Address homeAddressOption,
            String kind) {
    }

    /** Why route optimisation with this correspondent stopped, for the counters (§11.7.2: back to the tunnel). */
    private String fallbackReason;
    /** Whether the last failure is yet to be counted. */
    private boolean fallbackNews;

    private final Ipv6Address homeAddress;
    private final Ipv6Address correspondent;
    private final RegistrationTimers timers;
    private final int lifetimeSeconds;
    private final MobilityHeaderCodec codec;
    private Ipv6Address careOf;
    private String interfaceName = "";
    private boolean atHome;
    private State state;
    private int sequence;
    private long homeCookie;
    private long careOfCookie;
    private long homeInitSentAt;
    private long careOfInitSentAt;
    private boolean homeTestAwaited;
    private boolean careOfTestAwaited;
    private long initTimeout;
    private int initRetransmissions;
    private HomeTest homeTest;
    private long homeTokenAt;
    private CareOfTest careOfTest;
    private long careOfTokenAt;
    private Ipv6Address careOfTokenFor;
    private BindingManagementKey kbm;
    private long buSentAt;
    private long buTimeout;
    private int buRetransmissions;
    private long nextAt;
    private long expiresAt;
    private int granted;
    private int lastStatus = -1;
    private final java.util.function.LongSupplier cookies;

    CorrespondentRegistration(Ipv6Address homeAddress, Ipv6Address correspondent, int lifetimeSeconds,
            int initialSequence, RegistrationTimers timers, MobilityHeaderCodec codec,
            java.util.function.LongSupplier cookies) {
        this.homeAddress = homeAddress;
        this.correspondent = correspondent;
        this.lifetimeSeconds = Math.min(lifetimeSeconds, MAX_RR_BINDING_LIFETIME);
        this.sequence = initialSequence & 0xffff;
        this.timers = timers;
        this.codec = codec;
        this.cookies = cookies;
    }

    Ipv6Address correspondent() {
        return correspondent;
    }

    /** Null after a FAILED entry: the counter name of why it failed. */
    String fallbackReason() {
        return fallbackReason;
    }

    /**
     * §11.7.2: a new care-of address (a move, or the start): a Care-of Test Init, and a Home Test Init when the home
     * token will not last through the update.
     */
    List<Outgoing> moved(Ipv6Address newCareOf, String newInterface, long now) {
        careOf = newCareOf;
        interfaceName = newInterface;
        atHome = false;
        fallbackReason = null;
        return startReturnRoutability(now, true);
    }

    /**
     * §11.5.5, §5.2.6: home again; deregister with the home keygen token alone (a fresh Home Test if need be) where
     * the correspondent may hold a binding: one was granted and has not run out, or an update is in flight.
     */
    List<Outgoing> cameHome(long now) {
        boolean mayBeBound = (expiresAt > now && state != State.FAILED) || state == State.WAITING_FOR_ACK
                || state == State.DEREGISTERING;
        careOf = homeAddress;
        atHome = true;
        careOfTest = null;
        careOfTokenFor = null;
        if (!mayBeBound) {
            state = null; // nothing bound that must go: the entry leaves the list
            nextAt = 0;
            homeTestAwaited = false;
            careOfTestAwaited = false;
            return List.of();
        }
        return startReturnRoutability(now, false);
    }

    private List<Outgoing> startReturnRoutability(long now, boolean careOfToo) {
        state = State.RETURN_ROUTABILITY;
        initTimeout = timers.initial();
        initRetransmissions = 0;
        List<Outgoing> out = new ArrayList<>();
        if (!homeTokenUsable(now)) {
            homeTest = null;
            out.add(homeTestInit(now));
        }
        if (careOfToo) {
            careOfTest = null;
            out.add(careOfTestInit(now));
        }
        nextAt = now + initTimeout;
        out.addAll(bindingUpdateIfReady(now));
        return out;
    }

    private boolean homeTokenUsable(long now) {
        return homeTest != null && now - homeTokenAt < MAX_TOKEN_LIFETIME_MILLIS - TOKEN_MARGIN_MILLIS;
    }

    private Outgoing homeTestInit(long now) {
        homeCookie = cookies.getAsLong();
        homeInitSentAt = now;
        homeTestAwaited = true;
        // §11.6.1: from the home address, without a Home Address option: the reverse tunnel carries it while away.
        return new Outgoing(new HomeTestInit(homeCookie), null, homeAddress, null, "hoti");
    }

    private Outgoing careOfTestInit(long now) {
        careOfCookie = cookies.getAsLong();
        careOfInitSentAt = now;
        careOfTestAwaited = true;
        return new Outgoing(new CareOfTestInit(careOfCookie), null, careOf, null, "coti");
    }

    /** §11.6.2: a Home Test for the cookie in flight; the caller checked it came through the home agent's tunnel. */
    List<Outgoing> homeTest(HomeTest hot, long now) {
        if (!homeTestAwaited || hot.homeInitCookie() != homeCookie) {
            return null;
        }
        homeTestAwaited = false;
        homeTest = hot;
        homeTokenAt = now;
        return bindingUpdateIfReady(now);
    }

    /** §11.6.2: a Care-of Test for the cookie in flight, to the care-of address it was asked from. */
    List<Outgoing> careOfTest(CareOfTest cot, Ipv6Address to, long now) {
        if (!careOfTestAwaited || cot.careOfInitCookie() != careOfCookie || !to.equals(careOf)) {
            return null;
        }
        careOfTestAwaited = false;
        careOfTest = cot;
        careOfTokenAt = now;
        careOfTokenFor = to;
        return bindingUpdateIfReady(now);
    }

    private List<Outgoing> bindingUpdateIfReady(long now) {
        if (state != State.RETURN_ROUTABILITY || homeTest == null || (!atHome && careOfTest == null)) {
            return List.of();
        }
        kbm = atHome ? BindingManagementKey.forDeregistration(homeTest.homeKeygenToken())
                : BindingManagementKey.of(homeTest.homeKeygenToken(), careOfTest.careOfKeygenToken());
        state = atHome ? State.DEREGISTERING : State.WAITING_FOR_ACK;
        buTimeout = timers.initial();
        buRetransmissions = 0;
        return List.of(bindingUpdate(now));
    }

    /** §11.7.2: A set, Nonce Indices of the tokens in use, Binding Authorization Data last, signed with Kbm. */
    private Outgoing bindingUpdate(long now) {
        sequence = SequenceNumber.next(sequence);
        buSentAt = now;
        nextAt = now + buTimeout;
        int lifetime = atHome ? 0 : lifetimeSeconds;
        BindingUpdate bu = new BindingUpdate(sequence, BindingUpdate.ACKNOWLEDGE, Lifetime.toUnits(lifetime),
                List.of(new NonceIndices(homeTest.homeNonceIndex(), atHome ? 0 : careOfTest.careOfNonceIndex()),
                        BindingAuthorizationData.UNSIGNED));
        byte[] m = new byte[codec.encodedLength(bu)];
        codec.encodeUnchecksummed(bu, m, 0);
        kbm.sign(careOf, correspondent, m, 0, m.length);
        return new Outgoing(bu, m, careOf, atHome ? null : homeAddress, "bu.cn");
    }

    /** §11.7.3: what an acknowledgement changes; returns what to send next (possibly nothing), null if ignored. */
    List<Outgoing> acknowledged(BindingAcknowledgement ba, byte[] mh, long now) {
        if ((state != State.WAITING_FOR_ACK && state != State.DEREGISTERING) || ba.sequenceNumber() != sequence
                && ba.status() != BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW) {
            return null;
        }
        // §11.7.3: an acknowledgement from a correspondent carries Binding Authorization Data made with Kbm; one that
        // does not verify is ignored. Refusals for expired nonces cannot carry it (no Kbm at the correspondent).
        boolean nonceRefusal = ba.status() >= BindingAcknowledgementStatus.EXPIRED_HOME_NONCE_INDEX
                && ba.status() <= BindingAcknowledgementStatus.EXPIRED_NONCES;
        if (!nonceRefusal && !kbm.verifies(careOf, correspondent, mh, 0, mh.length, ba)) {
            return null;
        }
        lastStatus = ba.status();
        switch (ba.status()) {
            case BindingAcknowledgementStatus.BINDING_UPDATE_ACCEPTED -> {
                if (state == State.DEREGISTERING) {
                    state = null; // §11.5.5: the entry leaves the list
                    nextAt = 0;
                    expiresAt = 0;
                    return List.of();
                }
                state = State.REGISTERED;
                granted = (int) ba.lifetimeSeconds();
                expiresAt = buSentAt + granted * 1000L;
                // Again before the binding, or the tokens that will make the next one, run out.
                long refresh = buSentAt + (long) (granted * 1000L * timers.refreshFraction());
                long tokens = Math.min(homeTokenAt, careOfTokenAt) + MAX_TOKEN_LIFETIME_MILLIS - TOKEN_MARGIN_MILLIS;
                nextAt = Math.max(now + timers.initial(), Math.min(refresh, Math.max(tokens, now)));
                return List.of();
            }
            case BindingAcknowledgementStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW -> {
                sequence = ba.sequenceNumber();
                return List.of(bindingUpdate(now));
            }
            case BindingAcknowledgementStatus.EXPIRED_HOME_NONCE_INDEX,
                    BindingAcknowledgementStatus.EXPIRED_CARE_OF_NONCE_INDEX,
                    BindingAcknowledgementStatus.EXPIRED_NONCES -> {
                // §11.7.3: a new return routability for what expired.
                if (ba.status() != BindingAcknowledgementStatus.EXPIRED_CARE_OF_NONCE_INDEX) {
                    homeTest = null;
                }
                return startReturnRoutability(now, !atHome);
            }
            default -> {
                fail("ba.status." + ba.status());
                return List.of();
            }
        }
    }

    /** §11.7.2: a Binding Error (1: no binding for the Home Address option, 2: no route optimisation there). */
    void bindingError(BindingError be) {
        fail("be.status." + be.status());
    }

    /** §11.3.5: an ICMPv6 Parameter Problem (code 1) for a message sent here: no Mobile IPv6 at the correspondent. */
    void unsupported() {
        fail("icmp.parameter_problem");
    }

    /** True once after each failure: the caller counts it. */
    boolean takeFallbackNews() {
        boolean news = fallbackNews;
        fallbackNews = false;
        return news;
    }

    private void fail(String reason) {
        state = State.FAILED;
        fallbackReason = reason;
        fallbackNews = true;
        nextAt = 0;
    }

    /** §11.7.4: a Binding Refresh Request: a fresh binding now, with new tests where tokens are due. */
    List<Outgoing> refreshRequested(long now) {
        if (state != State.REGISTERED || atHome) {
            return List.of();
        }
        return startReturnRoutability(now, true);
    }

    /** At {@link #nextAt}: retransmissions (§11.8), or the next round before the binding runs out. */
    List<Outgoing> due(long now) {
        if (state == null || nextAt == 0 || now < nextAt) {
            return List.of();
        }
        switch (state) {
            case RETURN_ROUTABILITY -> {
                if (initTimeout >= timers.max()) {
                    fail("rr.timeout");
                    return List.of();
                }
                initRetransmissions++;
                initTimeout = Math.min(initTimeout * 2, timers.max());
                nextAt = now + initTimeout;
                List<Outgoing> out = new ArrayList<>();
                if (homeTestAwaited) {
                    out.add(homeTestInit(now));
                }
                if (careOfTestAwaited) {
                    out.add(careOfTestInit(now));
                }
                return out;
            }
            case WAITING_FOR_ACK, DEREGISTERING -> {
                if (buTimeout >= timers.max()) {
                    fail("bu.timeout");
                    return List.of();
                }
                buRetransmissions++;
                buTimeout = Math.min(buTimeout * 2, timers.max());
                return List.of(bindingUpdate(now));
            }
            case REGISTERED -> {
                return startReturnRoutability(now, true);
            }
            default -> {
                return List.of();
            }
        }
    }

    long nextAt() {
        return nextAt;
    }

    @Override
    public State state() {
        return state;
    }

    /** Whether a binding is in place at the correspondent (the data path may go direct, issue of route optimisation). */
    boolean bound(long now) {
        return state == State.REGISTERED && now < expiresAt;
    }

    @Override
    public BindingUpdateListEntry entry() {
        ReturnRoutabilityState rr = new ReturnRoutabilityState(homeInitSentAt, careOfInitSentAt,
                homeTest == null ? -1 : homeTest.homeNonceIndex(), careOfTest == null ? -1 : careOfTest.careOfNonceIndex(),
                homeTest == null ? 0 : homeTokenAt, careOfTest == null ? 0 : careOfTokenAt, careOfTokenFor,
                initRetransmissions, kbm != null && state != State.RETURN_ROUTABILITY);
        return new BindingUpdateListEntry(correspondent, homeAddress, careOf, interfaceName, sequence,
                mobility.api.binding.Binding.ACKNOWLEDGE, state == State.DEREGISTERING ? 0 : lifetimeSeconds, granted,
                expiresAt, state == null ? State.RETURN_ROUTABILITY : state, buRetransmissions, nextAt, lastStatus, rr);
    }
}
