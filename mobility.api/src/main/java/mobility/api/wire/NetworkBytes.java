package mobility.api.wire;

/**
 * Reads and writes unsigned integers in network byte order (RFC 8200 §3: most significant octet first) at explicit
 * offsets of a byte array. Callers check bounds before they read: a decoder has already compared the lengths it was
 * given, so these methods do not repeat the check on the hot path.
 */
public final class NetworkBytes {

    private NetworkBytes() {
    }

    public static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    public static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16 | u16(b, at + 2)) & 0xffff_ffffL;
    }

    public static long u64(byte[] b, int at) {
        return u32(b, at) << 32 | u32(b, at + 4);
    }

    public static void put8(byte[] b, int at, int value) {
        b[at] = (byte) value;
    }

    public static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    public static void put32(byte[] b, int at, long value) {
        put16(b, at, (int) (value >>> 16));
        put16(b, at + 2, (int) value);
    }

    public static void put64(byte[] b, int at, long value) {
        put32(b, at, value >>> 32);
        put32(b, at + 4, value);
    }

    /** Lower-case hexadecimal of {@code length} octets from {@code offset}, without separators. */
    public static String hex(byte[] b, int offset, int length) {
        StringBuilder out = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length; i++) {
            out.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return out.toString();
    }

    /**
     * The octets written as hexadecimal digits; spaces, colons and line breaks between them are ignored.
     *
     * @throws IllegalArgumentException when a character is not a hexadecimal digit or the digits are odd in number
     */
    public static byte[] fromHex(CharSequence text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                digits.append(c);
            } else if (!Character.isWhitespace(c) && c != ':') {
                throw new IllegalArgumentException("not a hexadecimal digit: '" + c + "' at " + i);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hexadecimal digits: " + digits.length());
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(digits.charAt(2 * i), 16) << 4 | Character.digit(digits.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
