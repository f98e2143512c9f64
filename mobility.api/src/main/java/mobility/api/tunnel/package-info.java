/**
 * Bidirectional IPv6-in-IPv6 tunnels (RFC 2473) between a home agent and a mobile node's care-of address, one per
 * binding (RFC 6275 §10.4.1 and §11.3.1), with the routes and policy that send traffic into them.
 *
 * <p>Several {@link mobility.api.tunnel.TunnelProvider}s may be present (the kernel's ip6tnl, seg6 lightweight
 * tunnels, a user-space provider over TUN); the {@link mobility.api.tunnel.DataPlane} picks the best available or
 * the configured one, and moves live tunnels when the provider changes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package mobility.api.tunnel;
