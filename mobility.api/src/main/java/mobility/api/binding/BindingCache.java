package mobility.api.binding;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/** The home agent's binding cache (RFC 6275 §10.1), read-only for everyone but the role that owns it. */
@ProviderType
public interface BindingCache {

    /** The binding of a home address, if it has an unexpired one. Constant time. */
    Optional<Binding> lookup(Ipv6Address homeAddress);

    /** How many bindings are in the cache. */
    int size();

    /** A copy of every binding, ordered by home address. */
    List<Binding> snapshot();
}
