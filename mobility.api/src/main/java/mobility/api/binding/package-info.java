/**
 * Bindings of RFC 6275 §9.1 and §10.1 (home address ↔ care-of address), the home agent's binding cache as a
 * service, the store that makes bindings durable, and the events a gateway reacts to.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.binding;
