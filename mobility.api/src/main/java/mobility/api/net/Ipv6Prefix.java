package mobility.api.net;

/**
 * An IPv6 prefix: an address and a length from 0 to 128. The address keeps its host bits as given, because an
 * interface address is written that way ({@code 2001:db8:1::1/64}); {@link #network()} clears them.
 */
public record Ipv6Prefix(Ipv6Address address, int length) {

    /** {@code ::/0}. */
    public static final Ipv6Prefix DEFAULT = new Ipv6Prefix(Ipv6Address.UNSPECIFIED, 0);

    public Ipv6Prefix {
        if (address == null) {
            throw new IllegalArgumentException("a prefix needs an address");
        }
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is not between 0 and 128");
        }
    }

    /** The network prefix of {@code length} bits that contains {@code address} (host bits cleared). */
    public static Ipv6Prefix of(Ipv6Address address, int length) {
        return new Ipv6Prefix(address, length).network();
    }

    /** {@code address/128}. */
    public static Ipv6Prefix host(Ipv6Address address) {
        return new Ipv6Prefix(address, 128);
    }

    /** Parses {@code 2001:db8::/64}; a bare address means a /128. */
    /**
     * The networks of the prefixes a configuration lists: each value may hold several, separated by commas; blank
     * ones are skipped. A value that is not a prefix fails with its text quoted first ({@code '2001:db8::x': ...}),
     * for the caller to name its key in front.
     */
    public static java.util.List<Ipv6Prefix> networks(String[] values) {
        java.util.List<Ipv6Prefix> out = new java.util.ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String one : value.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(one.trim()).network());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + one.trim() + "': " + e.getMessage(), e);
                }
            }
        }
        return java.util.List.copyOf(out);
    }

    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return host(Ipv6Address.parse(text));
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "' (length is not a number)");
        }
        return new Ipv6Prefix(Ipv6Address.parse(text.substring(0, slash)), length);
    }

    /** The same prefix with the host bits cleared, as routes and prefix options carry it. */
    public Ipv6Prefix network() {
        Ipv6Address masked = address.masked(length);
        return masked.equals(address) ? this : new Ipv6Prefix(masked, length);
    }

    public boolean contains(Ipv6Address a) {
        return a.masked(length).equals(address.masked(length));
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
