package mobility.signalling;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import mobility.api.signal.SignallingListener;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;

/** The roles' subscriptions and the delivery of each received packet to the ones that asked for its type. */
final class Listeners {

    private record Entry(Set<Integer> mhTypes, Set<Integer> icmpTypes, SignallingListener listener) {
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();
    private final SignallingCounters counters;
    private final MobilityDispatch mobility;
    private volatile Consumer<Boolean> anyone = listening -> {
    };

    Listeners(SignallingCounters counters, MobilityDispatch mobility) {
        this.counters = counters;
        this.mobility = mobility;
    }

    /** Told true when the first listener comes and false when the last one goes. */
    void whenAnyone(Consumer<Boolean> change) {
        anyone = change;
    }

    synchronized SignallingService.Subscription add(Set<Integer> mhTypes, Set<Integer> icmpTypes,
            SignallingListener listener) {
        Entry e = new Entry(Set.copyOf(mhTypes), Set.copyOf(icmpTypes), listener);
        if (entries.isEmpty() && !mobility.anyone()) {
            anyone.accept(true);
        }
        entries.add(e);
        return () -> remove(e);
    }

    /** A role's subscription to decoded Mobility Header messages ({@link MobilityDispatch}). */
    synchronized SignallingService.Subscription addMobility(SignallingService.Recipient recipient,
            Set<Integer> mhTypes, mobility.api.signal.MobilityMessageListener listener) {
        if (entries.isEmpty() && !mobility.anyone()) {
            anyone.accept(true);
        }
        SignallingService.Subscription s = mobility.add(recipient, mhTypes, listener);
        return () -> {
            synchronized (this) {
                s.close();
                if (entries.isEmpty() && !mobility.anyone()) {
                    anyone.accept(false);
                }
            }
        };
    }

    private synchronized void remove(Entry e) {
        if (entries.remove(e) && entries.isEmpty() && !mobility.anyone()) {
            anyone.accept(false);
        }
    }

    /**
     * Whether anyone listens for this protocol and type, so that the packet is worth copying. Every Mobility Header
     * is, while a role takes decoded ones: what none of them takes is answered (§9.2).
     */
    boolean wanted(int protocol, int type) {
        if (protocol == SignallingPacket.MOBILITY_HEADER && mobility.anyone()) {
            return true;
        }
        for (Entry e : entries) {
            if ((protocol == SignallingPacket.MOBILITY_HEADER ? e.mhTypes : e.icmpTypes).contains(type)) {
                return true;
            }
        }
        return false;
    }

    void deliver(SignallingPacket packet) {
        int type = packet.type();
        boolean mh = packet.protocol() == SignallingPacket.MOBILITY_HEADER;
        if (mh) {
            mobility.deliver(packet);
        }
        for (Entry e : entries) {
            if ((mh ? e.mhTypes : e.icmpTypes).contains(type)) {
                try {
                    e.listener.received(packet);
                } catch (RuntimeException failure) {
                    counters.increment("listener.failed");
                }
            }
        }
    }
}
