/**
 * The roles of RFC 6275 (home agent, mobile node, correspondent node) and any extension role, as services.
 *
 * <p>A role bundle registers one {@link mobility.api.role.MobilityRole} while it is active, so that the shell, a
 * gateway or a test can see which roles run in a container without knowing their implementations.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.role;
