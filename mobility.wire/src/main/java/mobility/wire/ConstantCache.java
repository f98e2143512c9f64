package mobility.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoded forms of the strings that recur on every line (names of messages and options, flag letters, status texts:
 * strings the API hands over; the names of fields are {@link FieldName}s, encoded up front), as UTF-8 or as JSON
 * strings, so that writing one costs a lookup and one copy. An open-addressed table on {@link String#hashCode()},
 * which a String keeps; every string a capture uses stays cached (a direct-mapped table, where two names that
 * shared a slot alternated on every line, cost a tenth of the decoder's time re-encoding them). A run with many
 * distinct strings (unknown option types) empties the table when it is half full rather than growing without bound.
 */
final class ConstantCache {

    private static final int SLOTS = 1024;

    private final boolean json;
    private final String[] keys = new String[SLOTS];
    private final byte[][] values = new byte[SLOTS][];
    private int size;

    /** The strings as UTF-8, or with {@code json} as quoted and escaped JSON strings. */
    ConstantCache(boolean json) {
        this.json = json;
    }

    /** The hit on the first slot, small enough for C1 to inline into every caller; the rest in {@link #probe}. */
    byte[] encoded(String s) {
        int slot = s.hashCode() & SLOTS - 1;
        return keys[slot] == s ? values[slot] : probe(s, slot);
    }

    private byte[] probe(String s, int slot) {
        for (String key; (key = keys[slot]) != null; slot = slot + 1 & SLOTS - 1) {
            if (key == s || key.equals(s)) {
                return values[slot];
            }
        }
        byte[] b = encode(s);
        if (size == SLOTS / 2) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
            slot = s.hashCode() & SLOTS - 1;
        }
        keys[slot] = s;
        values[slot] = b;
        size++;
        return b;
    }

    private byte[] encode(String s) {
        if (!json) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        OutputBuffer b = new OutputBuffer(s.length() + 16);
        b.jsonString(s);
        return b.toByteArray();
    }
}
