package mobility.api.binding;

import java.util.Objects;

import mobility.api.net.Ipv6Address;

/**
 * What identifies a binding cache entry (RFC 6275 §9.1): the home address, at one of this node's addresses. A home
 * agent holds one entry per home address; a correspondent node with several addresses may hold one per address it
 * was reached at.
 *
 * @param localAddress this node's address the Binding Update was sent to
 * @param homeAddress the mobile node's home address
 */
public record BindingKey(Ipv6Address localAddress, Ipv6Address homeAddress) implements Comparable<BindingKey> {

    public BindingKey {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(homeAddress, "homeAddress");
    }

    /** By home address, then local address, as {@code mip:bc} lists them. */
    @Override
    public int compareTo(BindingKey o) {
        int c = homeAddress.compareTo(o.homeAddress);
        return c != 0 ? c : localAddress.compareTo(o.localAddress);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingKey k && k.homeAddress.equals(homeAddress) && k.localAddress.equals(localAddress);
    }

    @Override
    public int hashCode() {
        return homeAddress.hashCode() * 31 + localAddress.hashCode();
    }
}
