package mobility.api.kernel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address as two 64-bit halves in network order, so that drivers encode it without copying arrays and
 * value semantics (equals, hash, compare) come for free. {@link #toString()} is the RFC 5952 text form.
 */
public record Ipv6Address(long high, long low) implements Comparable<Ipv6Address> {

    public static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);

    /** Parses an IPv6 literal; host names are rejected so that no name service is ever asked. */
    public static Ipv6Address parse(String text) {
        String literal = text.trim();
        if (literal.indexOf(':') < 0) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (!(address instanceof Inet6Address)) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return of(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }

    public static Ipv6Address of(Inet6Address address) {
        return of(address.getAddress());
    }

    /** From the 16 bytes of the address in network order. */
    public static Ipv6Address of(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + bytes.length);
        }
        return new Ipv6Address(half(bytes, 0), half(bytes, 8));
    }

    private static long half(byte[] bytes, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = v << 8 | (bytes[i] & 0xff);
        }
        return v;
    }

    public byte[] toBytes() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    public Inet6Address toInet6Address() {
        try {
            return (Inet6Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an address", e);
        }
    }

    /** The 16-bit group {@code index} (0..7) of the address. */
    public int group(int index) {
        long half = index < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (index & 3))) & 0xffff;
    }

    public boolean isLinkLocal() {
        return (high >>> 54) == (0xfe80L >>> 6);
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
            return new Ipv6Address(length == 64 ? high : high & (-1L << (64 - length)), 0);
        }
        return new Ipv6Address(high, low & (-1L << (128 - length)));
    }

    @Override
    public int compareTo(Ipv6Address other) {
        int c = Long.compareUnsigned(high, other.high);
        return c != 0 ? c : Long.compareUnsigned(low, other.low);
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::". */
    @Override
    public String toString() {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && group(i) == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
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
}
