package mobility.cn;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.LongSupplier;

import mobility.api.wire.rr.Nonce;
import mobility.api.wire.rr.NonceTable;

/**
 * The correspondent node's nonces in time (RFC 6275 §5.2.7, §12). A nonce is handed out in Home and Care-of Tests
 * for {@link #HANDED_OUT_MILLIS} after it was made, and a mobile node may use its token for MAX_TOKEN_LIFETIME
 * (210 s) after it arrived, so the nonce is accepted in Binding Updates for MAX_NONCE_LIFETIME (240 s) from when it
 * was made and no longer: 240 = 30 + 210. A Binding Update naming a nonce older than that, or one never made, gets
 * status 136, 137 or 138 (§9.5.1). Kcn (§5.2.1) is made once per start from a strong random source. Thread-safe.
 */
final class NonceLifetimes {

    /** §12: MAX_NONCE_LIFETIME. */
    static final long MAX_NONCE_LIFETIME_MILLIS = 240_000;
    /** §12: MAX_TOKEN_LIFETIME. */
    static final long MAX_TOKEN_LIFETIME_MILLIS = 210_000;
    /** How long a new nonce is the current one: what MAX_NONCE_LIFETIME leaves after MAX_TOKEN_LIFETIME. */
    static final long HANDED_OUT_MILLIS = MAX_NONCE_LIFETIME_MILLIS - MAX_TOKEN_LIFETIME_MILLIS;
    /** Nonces that can still be valid: one made every 30 s, each valid 240 s, and a spare. */
    static final int REMEMBERED = (int) (MAX_NONCE_LIFETIME_MILLIS / HANDED_OUT_MILLIS) + 1;

    private final NonceTable table;
    private final LongSupplier millis;
    /** When each remembered index was made, by index modulo the table's size. */
    private final long[] madeAt = new long[REMEMBERED];
    private Nonce current;
    private long currentSince;

    NonceLifetimes(SecureRandom random, LongSupplier millis) {
        this.table = new NonceTable(random, REMEMBERED);
        this.millis = millis;
    }

    /** The nonce a Home or Care-of Test hands out now: a new one once the current one was out for 30 s. */
    synchronized Nonce current() {
        long now = millis.getAsLong();
        if (current == null || now - currentSince >= HANDED_OUT_MILLIS) {
            current = table.generate();
            currentSince = now;
            madeAt[current.index() % REMEMBERED] = now;
        }
        return current;
    }

    /** The nonce of this index, while a Binding Update may still name it (§5.2.7). */
    synchronized Optional<Nonce> valid(int index) {
        Optional<Nonce> n = table.nonce(index);
        if (n.isEmpty() || millis.getAsLong() - madeAt[index % REMEMBERED] >= MAX_NONCE_LIFETIME_MILLIS) {
            return Optional.empty();
        }
        return n;
    }
}
