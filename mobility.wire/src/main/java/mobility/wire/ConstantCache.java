package mobility.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoded forms of the strings that recur on every line (names of fields, messages, options), each with the octets
 * that always surround it in one place of a line (" name=" for a field of a text line, ",\"name\":" for JSON), so that
 * writing one costs a lookup and one copy. An open-addressed table on {@link String#hashCode()}, which a String
 * keeps; every string a capture uses stays cached (a direct-mapped table, where two names that shared a slot
 * alternated on every line, cost a tenth of the decoder's time re-encoding them). A run with many distinct strings
 * (unknown option types) empties the table when it is half full rather than growing without bound.
 */
final class ConstantCache {

    private static final int SLOTS = 1024;

    private final String prefix;
    private final boolean json;
    private final String suffix;
    private final String[] keys = new String[SLOTS];
    private final byte[][] values = new byte[SLOTS][];
    private int size;

    /** {@code prefix}, the string as UTF-8 or with {@code json} as a quoted and escaped JSON string, {@code suffix}. */
    ConstantCache(String prefix, boolean json, String suffix) {
        this.prefix = prefix;
        this.json = json;
        this.suffix = suffix;
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
            // Not "+": each of javac's concatenation call sites spins method handle classes on its first run, a few
            // milliseconds of every run's start, where the strings of a line are first encoded.
            return new StringBuilder(prefix).append(s).append(suffix).toString().getBytes(StandardCharsets.UTF_8);
        }
        OutputBuffer b = new OutputBuffer(s.length() + 16);
        b.text(prefix).jsonString(s).text(suffix);
        return b.toByteArray();
    }
}
