package mobility.ha;

import java.util.function.LongSupplier;

/** A token bucket: at most {@code perSecond} permits a second, with bursts up to the same number. */
final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.last = nanoClock.getAsLong();
    }

    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
