/**
 * Bindings of RFC 6275 §9.1 and §10.1 (home address ↔ care-of address at a local address), one model for the home
 * agent's home registrations and the correspondent node's correspondent bindings: the binding caches as services,
 * the mobile node's Binding Update List with its return-routability state (§11.1), the store that makes bindings
 * durable, and the events a gateway reacts to.
 *
 * <p>2.0.0: a binding is identified by {@link mobility.api.binding.BindingKey} (local address, home address) and
 * has a {@link mobility.api.binding.BindingKind}; {@code Binding.homeAgentAddress} became {@code localAddress}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package mobility.api.binding;
