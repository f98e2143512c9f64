/**
 * The signalling service ({@link mobility.api.signal.SignallingService}): Mobility Header and ICMPv6 I/O through
 * filtered packet sockets with user-space Home Address options and Type 2 routing headers on a kernel without
 * Mobile IPv6 ({@link mobility.signalling.PacketSocketPath}), or through raw sockets and the kernel's route
 * optimisation where it has it ({@link mobility.signalling.KernelMip6Path}). Private to the bundle.
 */
package mobility.signalling;
