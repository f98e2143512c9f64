package mobility.api.signal;

import java.util.function.LongSupplier;

/**
 * A token bucket for error messages: Binding Errors "MUST be subject to rate limiting" (RFC 6275 §9.3.3), as ICMPv6
 * errors are (RFC 4443 §2.4 (f)), so that a flood of bad packets cannot make a node a flood of answers. Up to
 * {@code perSecond} answers a second, in bursts of at most as many. Thread-safe.
 */
public final class ErrorRateLimit {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    /** @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests */
    public ErrorRateLimit(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("error rate " + perSecond + "/s is negative");
        }
        this.perNano = perSecond / 1e9;
        this.burst = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.last = nanoClock.getAsLong();
    }

    /** Whether one more answer may go now; takes its token when it may. */
    public synchronized boolean tryAcquire() {
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
