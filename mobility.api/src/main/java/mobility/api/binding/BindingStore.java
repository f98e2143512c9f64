package mobility.api.binding;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/**
 * Where the binding cache keeps its bindings so that they outlive the home agent's process (and, with a
 * distributed implementation, one home agent).
 *
 * <p>The home agent completes a registration only after {@link #put} has completed: an acknowledged binding is not
 * lost to what the store's configured durability covers (at least the home agent's process dying; a store may let
 * the fsync against power loss follow within a bounded delay). Implementations commit concurrent writes together (group commit), so durability does not cap the
 * registration rate.
 */
@ProviderType
public interface BindingStore {

    /** Stores or replaces the binding of its home address; completes once it is durable (see the class comment). */
    CompletionStage<Void> put(Binding binding);

    /** Removes the binding of a home address; completes once the removal is durable (see the class comment). */
    CompletionStage<Void> remove(Ipv6Address homeAddress);

    /** Every stored binding, expired or not: the home agent drops those that expired while it was down. */
    Collection<Binding> loadAll();

    /** Where and how bindings are kept, for status displays (e.g. "MVStore /var/lib/mobility/bindings.mv"). */
    String describe();
}
