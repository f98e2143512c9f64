package mobility.api.wire;

/**
 * Binding Update sequence numbers, 16 bits wide and compared modulo 2^16 (RFC 6275 §9.5.1): "less than" means the
 * other number is ahead by 1 to 2^15 - 1, so the comparison keeps working when the counter wraps.
 */
public final class SequenceNumber {

    /** One more than the largest sequence number. */
    public static final int MODULUS = 1 << 16;

    private static final int HALF = 1 << 15;

    private SequenceNumber() {
    }

    /** Whether {@code a} comes before {@code b} in the modulo 2^16 order of RFC 6275 §9.5.1. */
    public static boolean isLessThan(int a, int b) {
        int ahead = (b - a) & (MODULUS - 1);
        return ahead != 0 && ahead < HALF;
    }

    /**
     * Whether a Binding Update with {@code received} updates a binding created with {@code current}: it must be
     * greater modulo 2^16, otherwise the answer is status 135 "Sequence number out of window" (§9.5.1).
     */
    public static boolean isNewer(int received, int current) {
        return isLessThan(current, received);
    }

    /** The sequence number after {@code n}, wrapping at 2^16. */
    public static int next(int n) {
        return (n + 1) & (MODULUS - 1);
    }

    /** Checks that {@code n} fits the 16-bit field. */
    public static int check(int n) {
        if (n < 0 || n >= MODULUS) {
            throw new IllegalArgumentException("sequence number out of 0..65535: " + n);
        }
        return n;
    }
}
