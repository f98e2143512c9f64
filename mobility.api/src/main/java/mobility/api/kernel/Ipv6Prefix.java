package mobility.api.kernel;

/** An IPv6 prefix: the address with the host bits as given (a host address keeps them) and the length 0..128. */
public record Ipv6Prefix(Ipv6Address address, int length) {

    public static final Ipv6Prefix DEFAULT = new Ipv6Prefix(Ipv6Address.UNSPECIFIED, 0);

    public Ipv6Prefix {
        if (address == null) {
            throw new IllegalArgumentException("a prefix needs an address");
        }
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("an IPv6 prefix length is 0..128, not " + length);
        }
    }

    /** "2001:db8::/64", or a bare address meaning a /128. */
    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Ipv6Prefix(Ipv6Address.parse(text), 128);
        }
        try {
            return new Ipv6Prefix(Ipv6Address.parse(text.substring(0, slash)),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + text, e);
        }
    }

    public static Ipv6Prefix host(Ipv6Address address) {
        return new Ipv6Prefix(address, 128);
    }

    /** The same prefix with the host bits cleared, as the kernel stores route destinations. */
    public Ipv6Prefix network() {
        return new Ipv6Prefix(address.masked(length), length);
    }

    public boolean contains(Ipv6Address other) {
        return other.masked(length).equals(address.masked(length));
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
