/**
 * Whole IPv6 packets as Mobile IPv6 sends them (RFC 8200, RFC 6275 §6.3, §6.4): the fixed header, the extension
 * headers with the Home Address destination option and the type 2 routing header, and a Mobility Header or ICMPv6
 * message, so that a role can build or read a packet at the IPv6 layer where the kernel cannot.
 * {@link mobility.api.wire.ipv6.WireCodec} is the service the roles use; {@link mobility.api.wire.ipv6.Ipv6PacketCodec}
 * is its plain-Java implementation.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package mobility.api.wire.ipv6;
