package mobility.api.binding;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/**
 * A binding cache (RFC 6275 §9.1): the home agent's home registrations (§10.1) or the correspondent node's
 * correspondent bindings, read-only for everyone but the role that owns it. Each role registers its own, with the
 * service property {@link #KIND} naming the {@link BindingKind#label()} it holds.
 */
@ProviderType
public interface BindingCache {

    /** Service property: {@code home} or {@code correspondent}. */
    String KIND = "mobility.binding.kind";

    /** The unexpired binding of this key. Constant time. */
    Optional<Binding> lookup(BindingKey key);

    /**
     * An unexpired binding of a home address at any of this node's addresses (a home agent has at most one).
     * Constant time for a home agent; a correspondent looks at each of its addresses.
     */
    Optional<Binding> lookup(Ipv6Address homeAddress);

    /** Which kind of binding this cache holds. */
    BindingKind kind();

    /** How many bindings are in the cache. */
    int size();

    /** A copy of every binding, ordered by home address, then local address. */
    List<Binding> snapshot();
}
