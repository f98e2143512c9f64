package mobility.api.wire;

/**
 * A 128-bit IPv6 address held as two longs, so that decoding a packet never allocates an {@code InetAddress} or a
 * byte array for it. Immutable; equal when the 128 bits are equal. {@link #toString()} writes the canonical text of
 * RFC 5952.
 */
public final class Ipv6Address implements Comparable<Ipv6Address> {

    /** Octets in an address. */
    public static final int LENGTH = 16;

    /** The unspecified address {@code ::} (RFC 4291 §2.5.2). */
    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

    private final long high;
    private final long low;

    private Ipv6Address(long high, long low) {
        this.high = high;
        this.low = low;
    }

    public static Ipv6Address of(long high, long low) {
        return high == 0 && low == 0 ? UNSPECIFIED : new Ipv6Address(high, low);
    }

    /** The address in the 16 octets at {@code offset}; the caller has checked that they are there. */
    public static Ipv6Address read(byte[] b, int offset) {
        return of(NetworkBytes.u64(b, offset), NetworkBytes.u64(b, offset + 8));
    }

    /** The address of exactly 16 octets. */
    public static Ipv6Address of(byte[] octets) {
        if (octets.length != LENGTH) {
            throw new IllegalArgumentException("an IPv6 address has 16 octets, not " + octets.length);
        }
        return read(octets, 0);
    }

    /**
     * The address written in the text form of RFC 4291 §2.2: eight groups of up to four hexadecimal digits, one
     * run of zero groups written {@code ::}, and optionally the last 32 bits as a dotted IPv4 address.
     *
     * @throws IllegalArgumentException when the text is not such an address
     */
    public static Ipv6Address parse(String text) {
        int[] groups = new int[8];
        String s = text.trim();
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            throw new IllegalArgumentException("more than one '::' in " + text);
        }
        int[] head = groups(doubleColon >= 0 ? s.substring(0, doubleColon) : s, text);
        int[] tail = doubleColon >= 0 ? groups(s.substring(doubleColon + 2), text) : new int[0];
        if (doubleColon < 0 && head.length != 8 || doubleColon >= 0 && head.length + tail.length > 7) {
            throw new IllegalArgumentException("not eight 16-bit groups: " + text);
        }
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return of(high, low);
    }

    private static int[] groups(String part, String text) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] fields = part.split(":", -1);
        boolean dotted = fields[fields.length - 1].contains(".");
        int[] out = new int[fields.length + (dotted ? 1 : 0)];
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (dotted && i == fields.length - 1) {
                long v4 = ipv4(f, text);
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
            } else {
                if (f.isEmpty() || f.length() > 4) {
                    throw new IllegalArgumentException("bad group '" + f + "' in " + text);
                }
                try {
                    out[i] = Integer.parseInt(f, 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad group '" + f + "' in " + text, e);
                }
            }
        }
        return out;
    }

    private static long ipv4(String dotted, String text) {
        String[] octets = dotted.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("bad IPv4 part '" + dotted + "' in " + text);
        }
        long v = 0;
        for (String o : octets) {
            int n;
            try {
                n = Integer.parseInt(o);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad IPv4 part '" + dotted + "' in " + text, e);
            }
            if (n < 0 || n > 255 || o.isEmpty() || o.length() > 3) {
                throw new IllegalArgumentException("bad IPv4 part '" + dotted + "' in " + text);
            }
            v = v << 8 | n;
        }
        return v;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /** Writes the 16 octets at {@code offset}. */
    public void write(byte[] b, int offset) {
        NetworkBytes.put64(b, offset, high);
        NetworkBytes.put64(b, offset + 8, low);
    }

    public byte[] octets() {
        byte[] out = new byte[LENGTH];
        write(out, 0);
        return out;
    }

    /** RFC 4291 §2.7: ff00::/8. */
    public boolean isMulticast() {
        return high >>> 56 == 0xff;
    }

    /** RFC 4291 §2.5.6: fe80::/10. */
    public boolean isLinkLocal() {
        return high >>> 54 == 0xfe80 >>> 6;
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** The first {@code length} bits, the rest zero: the prefix of RFC 4291 §2.3. */
    public Ipv6Address prefix(int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length out of 0..128: " + length);
        }
        long highMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        long lowMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return of(high & highMask, low & lowMask);
    }

    private int group(int i) {
        return (int) ((i < 4 ? high >>> (48 - 16 * i) : low >>> (48 - 16 * (i - 4))) & 0xffff);
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups written "::". */
    @Override
    public String toString() {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && group(j) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(group(i)));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Address a && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public int compareTo(Ipv6Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }
}
