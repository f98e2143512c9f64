package mobility.signalling;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.MobilityMessageListener;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.signal.SignallingService.Recipient;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAcknowledgementStatus;
import mobility.api.wire.mh.BindingError;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The one place a received Mobility Header is decoded (with the container's codec, extension options included) and
 * handed to the role it is for (RFC 6275 §9.2): a Binding Update by its H flag to the home agent (§10.3.1) or the
 * correspondent node (§9.5.1), every other message to the roles that take its type. What no role takes is answered
 * here, rate-limited (§9.3.3): a malformed message as the codec says, a type no role here takes with a Binding Error
 * of status 2 (§9.2: also what tells a mobile node that this node does not do route optimisation, §11.7.2), a home
 * registration without a home agent with a Binding Acknowledgement of status 131 (§9.5.1).
 */
final class MobilityDispatch {

    /** Sends an answer; the signalling path's send. */
    interface Answers {
        void send(SignallingPacket packet) throws SignallingException;
    }

    private record Entry(Recipient recipient, Set<Integer> types, MobilityMessageListener listener) {

        boolean takes(int type, MobilityMessage m) {
            if (!types.contains(type)) {
                return false;
            }
            if (m instanceof BindingUpdate bu) {
                return bu.homeRegistration() ? recipient == Recipient.HOME_AGENT
                        : recipient == Recipient.CORRESPONDENT_NODE;
            }
            return true;
        }
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final SignallingCounters counters;
    private final Supplier<MobilityHeaderCodec> codec;
    private final Predicate<Ipv6Address> local;
    private final ErrorRateLimit errors;
    private volatile Answers answers = p -> {
        throw new SignallingException("no signalling path to answer on");
    };

    /**
     * @param local whether an address is this node's: a Mobility Header routed through this node (a Home Test Init
     *        in a mobile node's reverse tunnel, a Home Test on its way to the tunnel) is not for its roles
     */
    MobilityDispatch(SignallingCounters counters, Supplier<MobilityHeaderCodec> codec, Predicate<Ipv6Address> local,
            ErrorRateLimit errors) {
        this.counters = counters;
        this.codec = codec;
        this.local = local;
        this.errors = errors;
    }

    void answerWith(Answers a) {
        answers = a;
    }

    boolean anyone() {
        return !entries.isEmpty();
    }

    SignallingService.Subscription add(Recipient recipient, Set<Integer> types, MobilityMessageListener listener) {
        Entry e = new Entry(recipient, Set.copyOf(types), listener);
        entries.add(e);
        return () -> entries.remove(e);
    }

    /** A received Mobility Header packet (its checksum already checked by the path where it built the packet). */
    void deliver(SignallingPacket p) {
        if (entries.isEmpty()) {
            return;
        }
        if (!local.test(p.destination())) {
            counters.increment("mh.not_for_us");
            return;
        }
        MobilityMessage m;
        try {
            // §6.1.1: the pseudo-header has the home address for the care-of address, and the final destination.
            m = codec.get().decode(p.message(), 0, p.message().length, p.effectiveSource(), p.finalDestination());
        } catch (WireFormatException e) {
            malformed(p, e);
            return;
        }
        int type = p.type();
        boolean taken = false;
        for (Entry e : entries) {
            if (e.takes(type, m)) {
                taken = true;
                try {
                    e.listener.received(p, m);
                } catch (RuntimeException failure) {
                    counters.increment("listener.failed");
                }
            }
        }
        if (!taken) {
            unclaimed(p, m, type);
        }
    }

    private void malformed(SignallingPacket p, WireFormatException e) {
        counters.increment("mh.malformed");
        switch (e.answer()) {
            case BINDING_ERROR -> bindingError(p, e.code());
            case PARAMETER_PROBLEM -> counters.increment("mh.drop.parameter_problem");
            case SILENT_DISCARD -> counters.increment("mh.drop.silent." + e.field().toLowerCase().replace(' ', '_'));
        }
    }

    private void unclaimed(SignallingPacket p, MobilityMessage m, int type) {
        counters.increment("mh.unclaimed.type." + type);
        if (m instanceof BindingUpdate bu && bu.homeRegistration()) {
            // §9.5.1: "If the receiving node does not support home registration ... status 131".
            answer(p, new BindingAcknowledgement(BindingAcknowledgementStatus.HOME_REGISTRATION_NOT_SUPPORTED, 0,
                    bu.sequenceNumber(), 0), "ba.sent.status.131");
        } else if (type != MobilityHeader.BINDING_ERROR) {
            // Never a Binding Error for a Binding Error: two nodes must not answer each other forever.
            bindingError(p, BindingError.UNRECOGNIZED_MH_TYPE);
        }
    }

    /** §9.3.3: to the source of the offending packet, with the home address it carried, if any. */
    private void bindingError(SignallingPacket p, int status) {
        Ipv6Address home = p.homeAddress() == null ? Ipv6Address.UNSPECIFIED : p.homeAddress();
        answer(p, new BindingError(status, home), "be.sent.status." + status);
    }

    private void answer(SignallingPacket p, MobilityMessage m, String counter) {
        if (!errors.tryAcquire()) {
            counters.increment("answers.rate_limited");
            return;
        }
        MobilityHeaderCodec c = codec.get();
        byte[] out = new byte[c.encodedLength(m)];
        c.encodeUnchecksummed(m, out, 0);
        // To the care-of address; a Binding Acknowledgement to a home address goes there by a Type 2 routing
        // header (§6.1.8). Sent from the address the offending packet was sent to.
        Ipv6Address homeForRoutingHeader = m instanceof BindingAcknowledgement ? p.homeAddress() : null;
        try {
            answers.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, p.interfaceIndex(),
                    p.finalDestination(), p.source(), null, homeForRoutingHeader, 64, out));
            counters.increment(counter);
        } catch (SignallingException e) {
            counters.increment("answers.send_failed");
        }
    }
}
