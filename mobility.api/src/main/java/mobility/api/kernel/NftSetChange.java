package mobility.api.kernel;

import java.util.List;

import mobility.api.net.Ipv6Address;

/**
 * One element added to or removed from a named set of a platform table ({@link NftTables.NftTable#updateSets}).
 *
 * @param set the set's name in the table
 * @param add true to add the element, false to remove it
 * @param key the element: one address for {@code type ipv6_addr}, two for {@code ipv6_addr . ipv6_addr}
 */
public record NftSetChange(String set, boolean add, List<Ipv6Address> key) {

    public NftSetChange {
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a set element needs a key");
        }
    }
}
