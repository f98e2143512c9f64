package mobility.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoded forms of the strings that recur on every line (names of fields, messages, options), in an open-addressed
 * table on {@link String#hashCode()}, which a String keeps. Every string a capture uses stays cached: with the
 * direct-mapped table this replaces, two names that shared a slot and alternated on a line were encoded again on
 * every line, a tenth of the decoder's time. A run with many distinct strings (unknown option types) empties the
 * table when it is half full rather than growing without bound.
 */
final class ConstantCache {

    private static final int SLOTS = 1024;

    private final String[] keys = new String[SLOTS];
    private final byte[][] values = new byte[SLOTS][];
    private int size;

    /** UTF-8, or with {@code json} a quoted and escaped JSON string. */
    byte[] encoded(String s, boolean json) {
        int slot = s.hashCode() & SLOTS - 1;
        for (String key; (key = keys[slot]) != null; slot = slot + 1 & SLOTS - 1) {
            if (key == s || key.equals(s)) {
                return values[slot];
            }
        }
        byte[] b = json ? jsonString(s) : s.getBytes(StandardCharsets.UTF_8);
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

    private static byte[] jsonString(String s) {
        OutputBuffer b = new OutputBuffer(s.length() + 16);
        b.jsonString(s);
        return b.toByteArray();
    }
}
