package mobility.api.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * An IPv6 address: 128 bits held as two longs (network byte order, {@code high} first).
 *
 * <p>Text form follows RFC 5952 (lower case, longest run of two or more zero groups compressed, first run on a tie).
 */
public record Ipv6Address(long high, long low) implements Comparable<Ipv6Address> {

    /** Eight octets of a byte[] as one long, the first the most significant. */
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    public static final int BYTES = 16;

    public static Ipv6Address of(long high, long low) {
        return high == 0 && low == 0 ? UNSPECIFIED : new Ipv6Address(high, low);
    }

    /** Reads 16 bytes at {@code offset}. */
    public static Ipv6Address read(byte[] buf, int offset) {
        return of(readLong(buf, offset), readLong(buf, offset + 8));
    }

    public static Ipv6Address of(byte[] sixteen) {
        if (sixteen.length != BYTES) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + sixteen.length);
        }
        return read(sixteen, 0);
    }

    public static Ipv6Address of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        return of(address.getAddress());
    }

    /** Parses the text forms of RFC 4291 §2.2, including a trailing dotted IPv4 part (no zone). */
    public static Ipv6Address parse(String text) {
        String s = embeddedIpv4AsGroups(text.trim(), text);
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            throw bad(text, "more than one '::'");
        }
        int[] groups = new int[8];
        if (doubleColon < 0) {
            if (parseGroups(s, groups, 0, text) != 8) {
                throw bad(text, "needs 8 groups");
            }
        } else {
            int[] head = new int[8];
            int[] tail = new int[8];
            int h = doubleColon == 0 ? 0 : parseGroups(s.substring(0, doubleColon), head, 0, text);
            String rest = s.substring(doubleColon + 2);
            int t = rest.isEmpty() ? 0 : parseGroups(rest, tail, 0, text);
            if (h + t > 7) {
                throw bad(text, "too many groups around '::'");
            }
            System.arraycopy(head, 0, groups, 0, h);
            System.arraycopy(tail, 0, groups, 8 - t, t);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | groups[i];
            lo = lo << 16 | groups[i + 4];
        }
        return of(hi, lo);
    }

    /** RFC 4291 §2.2 form 3: "::ffff:192.0.2.1" is "::ffff:c000:201". */
    private static String embeddedIpv4AsGroups(String s, String text) {
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0 || s.indexOf('.', lastColon) < 0) {
            return s;
        }
        String[] octets = s.substring(lastColon + 1).split("\\.", -1);
        if (octets.length != 4) {
            throw bad(text, "the IPv4 part needs 4 octets");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(octets[i]);
            } catch (NumberFormatException e) {
                v[i] = -1;
            }
            if (v[i] < 0 || v[i] > 255 || octets[i].isEmpty() || octets[i].length() > 3) {
                throw bad(text, "'" + octets[i] + "' is not an IPv4 octet");
            }
        }
        return s.substring(0, lastColon + 1) + Integer.toHexString(v[0] << 8 | v[1]) + ":"
                + Integer.toHexString(v[2] << 8 | v[3]);
    }

    private static int parseGroups(String s, int[] into, int start, String text) {
        String[] parts = s.split(":", -1);
        if (parts.length > 8) {
            throw bad(text, "too many groups");
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                throw bad(text, "group '" + p + "' is not 1 to 4 hex digits");
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    throw bad(text, "'" + p.charAt(k) + "' is not a hex digit");
                }
                v = v << 4 | d;
            }
            into[start + i] = v;
        }
        return parts.length;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("not an IPv6 address: '" + text + "' (" + why + ")");
    }

    /** Writes the 16 bytes at {@code offset}. */
    public void write(byte[] buf, int offset) {
        writeLong(buf, offset, high);
        writeLong(buf, offset + 8, low);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        write(b, 0);
        return b;
    }

    public Inet6Address toInet6Address() {
        try {
            return (Inet6Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an address", e);
        }
    }

    /** The 16-bit group {@code i} (0 to 7). */
    public int group(int i) {
        long word = i < 4 ? high : low;
        return (int) (word >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** fe80::/10, RFC 4291 §2.5.6. */
    public boolean isLinkLocal() {
        return (high >>> 54) == (0xfe80L >>> 6);
    }

    /** ff00::/8, RFC 4291 §2.7. */
    public boolean isMulticast() {
        return (high >>> 56) == 0xff;
    }

    /** The interface identifier: the low 64 bits (RFC 4291 §2.5.1). */
    public long interfaceId() {
        return low;
    }

    /** The address with every bit after the first {@code length} bits cleared. */
    public Ipv6Address masked(int length) {
        if (length >= 128) {
            return this;
        }
        if (length <= 0) {
            return UNSPECIFIED;
        }
        if (length <= 64) {
            return of(length == 64 ? high : high & (-1L << (64 - length)), 0);
        }
        return of(high, low & (-1L << (128 - length)));
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public int hashCode() {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public String toString() {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) == 0) {
                int j = i;
                while (j < 8 && group(j) == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(group(i)));
        }
        return b.toString();
    }

    /**
     * Eight octets in network byte order as one load: small enough for C1 to inline where every packet's addresses
     * are read, where the octet-by-octet form (109 bytecodes) was a call for each half of each address.
     */
    static long readLong(byte[] b, int o) {
        return (long) BIG_ENDIAN_LONG.get(b, o);
    }

    static void writeLong(byte[] b, int o, long v) {
        for (int i = 7; i >= 0; i--) {
            b[o + i] = (byte) v;
            v >>>= 8;
        }
    }
}
