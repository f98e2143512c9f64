/**
 * Sending and receiving Mobile IPv6 signalling — Mobility Header messages (RFC 6275 §6.1) and the ICMPv6 messages
 * Mobile IPv6 uses (Router Solicitation and Advertisement, Neighbor Solicitation and Advertisement, §6.5–§6.8) —
 * with the addresses, interface and extension headers of each packet.
 *
 * <p>How is the provider's business: with the kernel's Mobile IPv6 support a raw socket for protocol 135 and the
 * kernel's own Home Address option and Type 2 routing header handling; without it, packet sockets and whole IPv6
 * packets built in user space. Roles see the same {@link mobility.api.signal.SignallingPacket}s either way.
 *
 * <p>1.1.0: {@code listenMobility} delivers decoded messages and routes Binding Updates by their H flag; a packet's
 * {@link mobility.api.signal.SignallingPacket.Arrival} tells whether it came through a tunnel or under IPsec.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package mobility.api.signal;
