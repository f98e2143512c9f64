package mobility.ha;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A hashed timing wheel (Varghese and Lauck): one thread and one array of slots serve every binding lifetime and
 * refresh timer, however many bindings there are. Scheduling and cancelling are O(1); a tick costs the timers in
 * its slot. Precision is one tick, which is ample for lifetimes counted in seconds (RFC 6275 §6.1.7 counts them in
 * units of 4 seconds).
 *
 * <p>Not thread-safe on its own: {@link #schedule}, {@link Timer#cancel} and {@link #advance} are called under the
 * owner's lock (the binding cache's), which also runs the expired timers' actions.
 */
final class TimerWheel {

    /** What a timer does when it fires. */
    interface Action {
        void fire(Timer timer);
    }

    /** A scheduled timer, linked into its slot. */
    static final class Timer {
        final Action action;
        final long deadline;
        long rounds;
        Timer prev;
        Timer next;
        int slot = -1;

        Timer(Action action, long deadline) {
            this.action = action;
            this.deadline = deadline;
        }

        boolean pending() {
            return slot >= 0;
        }
    }

    private final Timer[] slots;
    private final long tickNanos;
    private final LongSupplier clock;
    private long tick;
    private int size;

    TimerWheel(int slotCount, long tick, TimeUnit unit, LongSupplier nanoClock) {
        if (Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("slot count must be a power of two: " + slotCount);
        }
        this.slots = new Timer[slotCount];
        this.tickNanos = unit.toNanos(tick);
        this.clock = nanoClock;
        this.tick = nanoClock.getAsLong() / tickNanos;
    }

    /** Schedules {@code action} to fire {@code delayNanos} from now (at the first tick at or after it). */
    Timer schedule(long delayNanos, Action action) {
        long due = Math.max(tick + 1, (clock.getAsLong() + Math.max(0, delayNanos) + tickNanos - 1) / tickNanos);
        Timer t = new Timer(action, due);
        long ticksAway = due - tick;
        t.rounds = (ticksAway - 1) / slots.length;
        link(t, (int) (due & (slots.length - 1)));
        return t;
    }

    /** Cancels a pending timer; a fired or cancelled one is left alone. */
    void cancel(Timer t) {
        if (t != null && t.pending()) {
            unlink(t);
        }
    }

    /** Fires every timer due up to now. Returns how many fired. */
    int advance() {
        long now = clock.getAsLong() / tickNanos;
        int fired = 0;
        while (tick < now) {
            tick++;
            int slot = (int) (tick & (slots.length - 1));
            Timer t = slots[slot];
            while (t != null) {
                Timer next = t.next;
                if (t.rounds == 0) {
                    unlink(t);
                    t.action.fire(t);
                    fired++;
                } else {
                    t.rounds--;
                }
                t = next;
            }
        }
        return fired;
    }

    int size() {
        return size;
    }

    long tickNanos() {
        return tickNanos;
    }

    private void link(Timer t, int slot) {
        t.slot = slot;
        t.prev = null;
        t.next = slots[slot];
        if (t.next != null) {
            t.next.prev = t;
        }
        slots[slot] = t;
        size++;
    }

    private void unlink(Timer t) {
        if (t.prev != null) {
            t.prev.next = t.next;
        } else {
            slots[t.slot] = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        t.slot = -1;
        size--;
    }
}
