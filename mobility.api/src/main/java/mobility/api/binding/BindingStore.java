package mobility.api.binding;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

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

    /** Stores or replaces the binding of its {@link Binding#key()}; completes once it is durable (see the class comment). */
    CompletionStage<Void> put(Binding binding);

    /**
     * Removes the binding of this kind and key; completes once the removal is durable (see the class comment). A home
     * registration is identified by its home address alone (a home address has one registration with its home
     * agent, §10.3.1), so the local address of its key is not looked at.
     */
    CompletionStage<Void> remove(BindingKind kind, BindingKey key);

    /**
     * Every stored binding of every kind, expired or not: each role takes its own {@link Binding#kind()} and drops
     * those that expired while it was down.
     */
    Collection<Binding> loadAll();

    /** Where and how bindings are kept, for status displays (e.g. "MVStore /var/lib/mobility/bindings.mv"). */
    String describe();
}
