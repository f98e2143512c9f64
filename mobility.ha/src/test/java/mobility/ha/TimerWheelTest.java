package mobility.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TimerWheelTest {

    long now;

    TimerWheel wheel(int slots) {
        return new TimerWheel(slots, 1, TimeUnit.SECONDS, () -> now);
    }

    @Test
    void timersFireAtTheirTickAndNotBefore() {
        TimerWheel w = wheel(8);
        List<String> fired = new ArrayList<>();
        w.schedule(TimeUnit.SECONDS.toNanos(3), t -> fired.add("3s"));
        w.schedule(TimeUnit.SECONDS.toNanos(20), t -> fired.add("20s")); // more than one turn of 8 slots
        now = TimeUnit.SECONDS.toNanos(2);
        w.advance();
        assertEquals(List.of(), fired);
        now = TimeUnit.SECONDS.toNanos(3);
        w.advance();
        assertEquals(List.of("3s"), fired);
        now = TimeUnit.SECONDS.toNanos(19);
        w.advance();
        assertEquals(List.of("3s"), fired);
        now = TimeUnit.SECONDS.toNanos(20);
        w.advance();
        assertEquals(List.of("3s", "20s"), fired);
        assertEquals(0, w.size());
    }

    @Test
    void cancelledTimersNeverFire() {
        TimerWheel w = wheel(4);
        List<Integer> fired = new ArrayList<>();
        TimerWheel.Timer a = w.schedule(TimeUnit.SECONDS.toNanos(1), t -> fired.add(1));
        w.schedule(TimeUnit.SECONDS.toNanos(1), t -> fired.add(2));
        w.cancel(a);
        w.cancel(a);
        assertFalse(a.pending());
        now = TimeUnit.SECONDS.toNanos(5);
        assertEquals(1, w.advance());
        assertEquals(List.of(2), fired);
    }

    @Test
    void manyRandomTimersFireInDeadlineOrderOfTicks() {
        TimerWheel w = wheel(64);
        Random r = new Random(7);
        List<Long> firedAt = new ArrayList<>();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            long delay = TimeUnit.SECONDS.toNanos(1 + r.nextInt(1000));
            long due = delay / TimeUnit.SECONDS.toNanos(1);
            w.schedule(delay, t -> {
                assertTrue(now / TimeUnit.SECONDS.toNanos(1) == due, "fired at the wrong tick");
                firedAt.add(due);
            });
        }
        for (int s = 1; s <= 1000; s++) {
            now = TimeUnit.SECONDS.toNanos(s);
            w.advance();
        }
        assertEquals(n, firedAt.size());
        assertEquals(0, w.size());
    }
}
