package mobility.api.net;

/** An IPv6 prefix: an address with its host bits cleared, and a length from 0 to 128. */
public final class Ipv6Prefix {

    private final Ipv6Address network;
    private final int length;

    private Ipv6Prefix(Ipv6Address network, int length) {
        this.network = network;
        this.length = length;
    }

    /** The prefix of {@code length} bits that contains {@code address}. */
    public static Ipv6Prefix of(Ipv6Address address, int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is not between 0 and 128");
        }
        return new Ipv6Prefix(Ipv6Address.of(address.high() & mask(length), address.low() & mask(length - 64)),
                length);
    }

    /** Parses {@code 2001:db8::/64}. */
    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "' (no '/length')");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "' (length is not a number)");
        }
        return of(Ipv6Address.parse(text.substring(0, slash)), length);
    }

    /** A mask of the top {@code bits} bits of a long (0 to 64, clamped). */
    private static long mask(int bits) {
        if (bits <= 0) {
            return 0;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    public Ipv6Address network() {
        return network;
    }

    public int length() {
        return length;
    }

    public boolean contains(Ipv6Address a) {
        return (a.high() & mask(length)) == network.high() && (a.low() & mask(length - 64)) == network.low();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Prefix p && p.length == length && p.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 31 + length;
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
