package mobility.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import mobility.api.net.Ipv6Address;

/**
 * Lines of the pcap decoder as UTF-8 bytes, rendered straight into one growing byte array (numbers and addresses
 * without an intermediate String) and written to the stream in one block per batch of frames. A million lines of
 * {@code String.format}, {@code toString} and a {@code Writer}'s encoder cost more than decoding the packets.
 */
final class OutputBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "00", "01", ... "99": the two digits of each value below 100. */
    private static final byte[] DIGIT_PAIRS = digitPairs();
    /** Four octets of a byte[] as one int, least significant first. */
    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Eight octets of a byte[] as one long, least significant first. */
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The longest field value that {@link #value} looks up in the constant cache. */
    private static final int SHORT_VALUE = 40;

    private byte[] bytes;
    private int length;
    /** Made on first use, so that the small buffers a {@link ConstantCache} encodes with have none. */
    private ConstantCache texts;
    private ConstantCache jsonStrings;

    OutputBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    OutputBuffer ascii(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Any text; ASCII is copied octet by octet, anything else encoded as UTF-8 as the Writer it replaces did. */
    OutputBuffer text(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return utf8(s.substring(i));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /**
     * Text that recurs on every line (names of fields, messages, options): encoded once, then copied. The cache is
     * direct-mapped on the String's hash, which a String keeps, so a hit costs a compare and a copy.
     */
    OutputBuffer constant(String s) {
        return bytes(texts().encoded(s));
    }

    /** Small enough for C1 to inline into {@link #constant}, which then is too; the cache is made out of line. */
    private ConstantCache texts() {
        ConstantCache t = texts;
        return t != null ? t : newTexts();
    }

    private ConstantCache newTexts() {
        texts = new ConstantCache(false);
        return texts;
    }

    /**
     * A field's text value. The short ones, flag letters and status texts, are a few distinct strings repeated on
     * every line: they come from the constant cache (an odd one only costs its encoding, as {@link #text} would);
     * longer ones, such as an unknown option's data, are copied.
     */
    OutputBuffer value(String s) {
        return s.length() <= SHORT_VALUE ? constant(s) : text(s);
    }

    /** {@link #value} as a JSON string. */
    OutputBuffer jsonValue(String s) {
        return s.length() <= SHORT_VALUE ? jsonConstant(s) : jsonString(s);
    }

    /** {@link #jsonString} of text that recurs on every line, encoded once. */
    OutputBuffer jsonConstant(String s) {
        if (jsonStrings == null) {
            jsonStrings = new ConstantCache(true);
        }
        return bytes(jsonStrings.encoded(s));
    }

    /** Octets encoded once by the caller: the fixed pieces of a line, which need no lookup at all. */
    OutputBuffer write(byte[] b) {
        return bytes(b);
    }

    /** A fixed piece of a line, encoded once into a constant of its renderer. */
    static byte[] literal(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The copy out of line in {@link #copy}, so that this is small enough for C1 to inline at every literal. */
    private OutputBuffer bytes(byte[] b) {
        room(b.length);
        length = copy(b, bytes, length);
        return this;
    }

    /** Copies {@code from} whole to {@code to[at]}; returns the index after it. */
    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    /** A JSON string in quotes, escaping what the old renderer escaped: quote, backslash and control characters. */
    OutputBuffer jsonString(String s) {
        int n = s.length();
        room(n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                ascii('\\').ascii(c);
            } else if (c < 0x20) {
                ascii('\\').ascii('u').hex(c, 4);
            } else if (c < 0x80) {
                ascii(c);
            } else {
                int end = i + 1;
                while (end < n && s.charAt(end) >= 0x80) {
                    end++;
                }
                // Non-ASCII runs are encoded together, so that a surrogate pair stays one code point.
                utf8(s.substring(i, end));
                i = end - 1;
            }
        }
        return ascii('"');
    }

    private OutputBuffer utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Nearly every number of a line (int fields, and long ones such as lifetimes in seconds, which fit an int): small
     * enough for C1 to inline, so that such a number costs one call, to {@link #positive}, rather than two.
     */
    OutputBuffer decimal(long v) {
        return v >>> 31 == 0 ? positive((int) v, 1) : decimal(v, 1);
    }

    /** As {@link #decimal(long)}. */
    OutputBuffer decimal(int v) {
        return v >= 0 ? positive(v, 1) : decimal((long) v, 1);
    }

    /** Decimal, zero-padded to at least {@code width} digits; a negative value is written with its sign. */
    OutputBuffer decimal(long v, int width) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return positive((int) v, width);
        }
        room(21 + width);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return text(Long.toString(v));
            }
            bytes[length++] = '-';
            if (v >= -Integer.MAX_VALUE) {
                return positive((int) -v, width);
            }
            v = -v;
        }
        int digits = 1;
        for (long power = 10; digits < 19 && v >= power; power *= 10) {
            digits++;
        }
        int end = length + Math.max(digits, width);
        int i = end - 1;
        for (; v > Integer.MAX_VALUE; v /= 10) {
            bytes[i--] = (byte) ('0' + v % 10);
        }
        for (int rest = (int) v; i >= length; rest /= 10) {
            bytes[i--] = (byte) ('0' + rest % 10);
        }
        length = end;
        return this;
    }

    /** Nearly every number of a line (lengths, sequence numbers, lifetimes): int arithmetic only, digits counted first. */
    private OutputBuffer positive(int v, int width) {
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
                : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
        int n = Math.max(digits, width);
        room(n);
        byte[] b = bytes;
        int start = length;
        int i = start + n;
        // Two digits a step, from the end; v / 100 as a multiply and shift, exact for every int >= 0: C1, which
        // runs the first packets, would divide.
        while (v >= 100) {
            int hundredth = (int) (v * 0x51eb_851fL >>> 37);
            int pair = v - hundredth * 100 << 1;
            b[--i] = DIGIT_PAIRS[pair + 1];
            b[--i] = DIGIT_PAIRS[pair];
            v = hundredth;
        }
        if (v >= 10) {
            b[--i] = DIGIT_PAIRS[(v << 1) + 1];
            b[--i] = DIGIT_PAIRS[v << 1];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        while (i > start) {
            b[--i] = '0';
        }
        length = start + n;
        return this;
    }

    /** The low {@code digits} hexadecimal digits of {@code v}, zero-padded. */
    OutputBuffer hex(long v, int digits) {
        room(digits);
        for (int i = digits - 1; i >= 0; i--) {
            bytes[length + i] = HEX[(int) v & 0xf];
            v >>>= 4;
        }
        length += digits;
        return this;
    }

    /**
     * RFC 5952 text, as {@link Ipv6Address#toString()} writes it: the first longest run of 2+ zero groups is "::".
     * Two addresses or more on every line, the decoder's costliest field. Most addresses of a capture have no run
     * to shorten: those are written half by half ({@link #half}); the others take {@link #shortened}.
     */
    OutputBuffer address(Ipv6Address a) {
        long high = a.high();
        long low = a.low();
        // The top bit of each 16-bit group ends set only when the group is zero: adding 0x7fff carries into it from
        // any other low 15 bits, and or-ing the group itself in catches the top bit.
        long zeroHigh = ~((high & 0x7fff_7fff_7fff_7fffL) + 0x7fff_7fff_7fff_7fffL | high) & 0x8000_8000_8000_8000L;
        long zeroLow = ~((low & 0x7fff_7fff_7fff_7fffL) + 0x7fff_7fff_7fff_7fffL | low) & 0x8000_8000_8000_8000L;
        if ((zeroHigh & zeroHigh << 16) != 0 || (zeroLow & zeroLow << 16) != 0 || (zeroHigh & zeroLow >>> 48) != 0) {
            return shortened(high, low, zeroGroups(zeroHigh) << 4 | zeroGroups(zeroLow));
        }
        room(40); // 39, and the last colon, written and then dropped
        length = half(bytes, half(bytes, length, high), low) - 1;
        return this;
    }

    /**
     * Four groups of an address, each with the colon after it, from {@code n}; returns the end. When no group has a
     * leading zero, the usual case for the random half of an address, its twenty octets are three stores; otherwise
     * group by group. Straight-line code rather than a loop over the groups: C1 does not unroll it, and the loop
     * with its variable shifts cost a third more.
     */
    private static int half(byte[] b, int n, long x) {
        // Each group's first digit: adding 0x7fff to a nibble carries into the lane's top bit unless it is zero.
        if (((x >>> 12 & 0x000f_000f_000f_000fL) + 0x7fff_7fff_7fff_7fffL & 0x8000_8000_8000_8000L)
                == 0x8000_8000_8000_8000L) {
            long g0 = (HEX_PAIRS[(int) (x >>> 56)] | HEX_PAIRS[(int) (x >>> 48) & 0xff] << 16) & 0xffff_ffffL;
            long g1 = (HEX_PAIRS[(int) (x >>> 40) & 0xff] | HEX_PAIRS[(int) (x >>> 32) & 0xff] << 16) & 0xffff_ffffL;
            long g2 = (HEX_PAIRS[(int) (x >>> 24) & 0xff] | HEX_PAIRS[(int) (x >>> 16) & 0xff] << 16) & 0xffff_ffffL;
            int g3 = HEX_PAIRS[(int) (x >>> 8) & 0xff] | HEX_PAIRS[(int) x & 0xff] << 16;
            LITTLE_ENDIAN_LONG.set(b, n, g0 | (long) ':' << 32 | g1 << 40);
            LITTLE_ENDIAN_LONG.set(b, n + 8, g1 >>> 24 | ':' << 8 | g2 << 16 | (long) ':' << 48 | (long) g3 << 56);
            LITTLE_ENDIAN_INT.set(b, n + 16, g3 >>> 8 | ':' << 24);
            return n + 20;
        }
        n = group(b, n, (int) (x >>> 48));
        n = group(b, n, (int) (x >>> 32) & 0xffff);
        n = group(b, n, (int) (x >>> 16) & 0xffff);
        return group(b, n, (int) x & 0xffff);
    }

    /** One group without its leading zeros and the colon after it; four digits as one store. */
    private static int group(byte[] b, int n, int g) {
        if (g >= 0x1000) {
            LITTLE_ENDIAN_INT.set(b, n, HEX_PAIRS[g >>> 8] | HEX_PAIRS[g & 0xff] << 16);
            b[n + 4] = ':';
            return n + 5;
        }
        int high = HEX_PAIRS[g >>> 8];
        int low = HEX_PAIRS[g & 0xff];
        if (g >= 0x100) {
            b[n++] = (byte) (high >>> 8);
        }
        if (g >= 0x10) {
            b[n++] = (byte) low;
        }
        b[n] = (byte) (low >>> 8);
        b[n + 1] = ':';
        return n + 2;
    }

    /** An address with a run of two zero groups or more: the first longest run is written "::". */
    private OutputBuffer shortened(long high, long low, int zeros) {
        int runStart = -1;
        int runLength = 1;
        for (int i = 0, run = 0; i < 8; i++) {
            if ((zeros & 0x80 >>> i) != 0) {
                if (++run > runLength) {
                    runLength = run;
                    runStart = i + 1 - run;
                }
            } else {
                run = 0;
            }
        }
        room(42); // 39, and the three octets past the end that the last group's int may write before they are dropped
        byte[] b = bytes;
        int n = length;
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                b[n++] = ':';
                b[n++] = ':';
                i += runLength - 1;
                continue;
            }
            if (i > 0 && i != runStart + runLength) {
                b[n++] = ':';
            }
            int g = (int) ((i < 4 ? high : low) >>> 48 - 16 * (i & 3)) & 0xffff;
            int digits = g >= 0x1000 ? 4 : g >= 0x100 ? 3 : g >= 0x10 ? 2 : 1;
            LITTLE_ENDIAN_INT.set(b, n, hexGroup(g, digits));
            n += digits;
        }
        length = n;
        return this;
    }

    /**
     * The hexadecimal digits of the 16-bit group {@code g} without its leading zeros ({@code digits} of them), the
     * first in the lowest octet, so that a little-endian store writes them in order (no byte swap, which C1 calls
     * rather than inlines). Two lookups of {@link #HEX_PAIRS}: for C1, cheaper than making the digits; and small
     * enough to be inlined.
     */
    private static int hexGroup(int g, int digits) {
        return (HEX_PAIRS[g >>> 8] | HEX_PAIRS[g & 0xff] << 16) >>> 32 - 8 * digits;
    }

    /** The two hexadecimal digits of each octet, the first in the low byte. */
    private static final int[] HEX_PAIRS = hexPairs();

    private static int[] hexPairs() {
        int[] pairs = new int[256];
        for (int v = 0; v < 256; v++) {
            pairs[v] = HEX[v >>> 4] & 0xff | (HEX[v & 0xf] & 0xff) << 8;
        }
        return pairs;
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int v = 0; v < 100; v++) {
            pairs[2 * v] = (byte) ('0' + v / 10);
            pairs[2 * v + 1] = (byte) ('0' + v % 10);
        }
        return pairs;
    }

    /** Bit 3 - j set when the j-th 16-bit group (from the most significant) has its bit in {@code zero}. */
    private static int zeroGroups(long zero) {
        return (int) (zero >>> 60) & 8 | (int) (zero >>> 45) & 4 | (int) (zero >>> 30) & 2 | (int) (zero >>> 15) & 1;
    }

    void endLine() {
        ascii('\n');
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Writes the lines to {@code out} and empties the buffer for the next batch. */
    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        length = 0;
    }

    /** Small enough for C1 to inline at every write (its limit is 35 bytecodes): growing is the rare call. */
    private void room(int n) {
        if (length + n > bytes.length) {
            grow(n);
        }
    }

    private void grow(int n) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
    }
}
