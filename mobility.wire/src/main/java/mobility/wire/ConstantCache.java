package mobility.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoded forms of the strings that recur on every line, direct-mapped on {@link String#hashCode()}: a line's few
 * dozen names rarely collide in 256 slots, and a collision only costs encoding the string again.
 */
final class ConstantCache {

    private static final int SLOTS = 256;

    private final String[] keys = new String[SLOTS];
    private final byte[][] values = new byte[SLOTS][];

    /** UTF-8, or with {@code json} a quoted and escaped JSON string. */
    byte[] encoded(String s, boolean json) {
        int slot = s.hashCode() & SLOTS - 1;
        String key = keys[slot];
        if (key == s || s.equals(key)) {
            return values[slot];
        }
        byte[] b = json ? jsonString(s) : s.getBytes(StandardCharsets.UTF_8);
        keys[slot] = s;
        values[slot] = b;
        return b;
    }

    private static byte[] jsonString(String s) {
        OutputBuffer b = new OutputBuffer(s.length() + 16);
        b.jsonString(s);
        return b.toByteArray();
    }
}
