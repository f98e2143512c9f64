package mobility.api.wire.rr;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The correspondent node's nonces (RFC 6275 §5.2.2): each new nonce gets the next 16-bit index, and the last
 * {@code remembered} ones stay valid so that a Binding Update may name a nonce that was current a little earlier.
 * How often to make a new one is the role's policy (§5.2.7: MAX_NONCE_LIFETIME); an index that has fallen out of
 * the table is answered with status 136, 137 or 138 (§9.5.1). Thread-safe.
 */
public final class NonceTable {

    private final SecureRandom random;
    private final long[] values;
    private int newestIndex = -1;
    private int count;

    public NonceTable(SecureRandom random, int remembered) {
        if (remembered < 1 || remembered > 1 << 15) {
            throw new IllegalArgumentException("remembered nonces out of 1..32768: " + remembered);
        }
        this.random = random;
        this.values = new long[remembered];
    }

    /** Makes a new nonce with the next index, wrapping after 65535, and forgets the oldest beyond the window. */
    public synchronized Nonce generate() {
        newestIndex = (newestIndex + 1) & 0xffff;
        long value = random.nextLong();
        values[newestIndex % values.length] = value;
        count = Math.min(count + 1, values.length);
        return new Nonce(newestIndex, value);
    }

    /** The nonce of this index while it is among the last {@code remembered} made. */
    public synchronized Optional<Nonce> nonce(int index) {
        if (newestIndex < 0 || index >>> 16 != 0) {
            return Optional.empty();
        }
        int age = (newestIndex - index) & 0xffff;
        if (age >= count) {
            return Optional.empty();
        }
        return Optional.of(new Nonce(index, values[index % values.length]));
    }

    /** The newest nonce, which a Home Test or Care-of Test hands out. */
    public synchronized Optional<Nonce> current() {
        return newestIndex < 0 ? Optional.empty() : nonce(newestIndex);
    }
}
