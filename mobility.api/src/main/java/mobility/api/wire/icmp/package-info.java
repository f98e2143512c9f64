/**
 * The ICMPv6 messages Mobile IPv6 uses (RFC 6275 §6.5 - §6.8, §7): Home Agent Address Discovery Request and Reply,
 * Mobile Prefix Solicitation and Advertisement, the Router Advertisement with its H flag, the Home Agent
 * Information, Advertisement Interval and Prefix Information (R flag) options; and the Neighbor Discovery messages
 * (RFC 4861) a home agent needs for proxy Neighbor Discovery and Duplicate Address Detection, and the Parameter
 * Problem (RFC 4443 §3.4) a node answers malformed Mobility Headers with. {@link mobility.api.wire.icmp.Icmpv6Codec}
 * encodes and decodes them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.wire.icmp;
