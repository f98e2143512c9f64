package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The policy rule that looks up the local table, priority 0 when the kernel starts. Decapsulating by a rule on a
 * local address needs that rule after the platform's (kernel.md: the local table otherwise wins), so it is moved.
 * The moved rule keeps the kernel's protocol and lies outside the platform's priorities, so a clean-up after a crash
 * never leaves the namespace without a local table lookup.
 */
@ProviderType
public interface LocalTableRule {

    /** The priority of the local table's rule in {@code namespace}, or -1 when there is none. */
    int priority(NetworkNamespace namespace);

    /** Puts the local table's rule at {@code priority}: adds the new rule first, then removes the old one. */
    void moveTo(NetworkNamespace namespace, int priority);
}
