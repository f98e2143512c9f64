/**
 * The tunnel data plane ({@link mobility.api.tunnel.DataPlane}) and its providers: seg6 lightweight tunnels
 * ({@link mobility.tunnel.Seg6Provider}), IPv6-in-IPv6 in user space over a TUN device
 * ({@link mobility.tunnel.TunProvider}) and the kernel's ip6tnl ({@link mobility.tunnel.Ip6tnlProvider}), switched
 * live by {@link mobility.tunnel.TunnelSwitch}. Private to the bundle.
 */
package mobility.tunnel;
