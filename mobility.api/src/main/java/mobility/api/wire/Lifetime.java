package mobility.api.wire;

/**
 * The 16-bit lifetime of Binding Updates and Acknowledgements (RFC 6275 §6.1.7, §6.1.8) and the Refresh Interval
 * of the Binding Refresh Advice option (§6.2.4) count time units of four seconds.
 */
public final class Lifetime {

    /** Seconds in one time unit. */
    public static final int UNIT_SECONDS = 4;

    /** The largest value of the 16-bit field: 65535 units, 262140 seconds. */
    public static final int MAX_UNITS = 0xffff;

    private Lifetime() {
    }

    /** Seconds in {@code units} time units. */
    public static long toSeconds(int units) {
        if (units < 0 || units > MAX_UNITS) {
            throw new IllegalArgumentException("lifetime out of 0..65535 units: " + units);
        }
        return (long) units * UNIT_SECONDS;
    }

    /**
     * The time units for {@code seconds}, rounded down so that a binding never lasts longer than asked (a home
     * agent must not grant more than the remaining address lifetimes, §9.5.1/§10.3.1), and capped at 65535 units.
     */
    public static int toUnits(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative lifetime: " + seconds + " s");
        }
        return (int) Math.min(seconds / UNIT_SECONDS, MAX_UNITS);
    }
}
