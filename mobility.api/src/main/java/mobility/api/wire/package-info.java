/**
 * The Mobile IPv6 wire format (RFC 6275, NEMO RFC 3963): the types every part of the codec shares.
 *
 * <p>{@link mobility.api.wire.Ipv6Address} holds an address as two longs so that parsing never goes through
 * {@code InetAddress}; {@link mobility.api.wire.WireFormatException} is the one exception a decoder throws, and it
 * says which answer the RFC prescribes; {@link mobility.api.wire.InternetChecksum} is the one's complement sum of
 * RFC 8200 §8.1; {@link mobility.api.wire.SequenceNumber} and {@link mobility.api.wire.Lifetime} are the arithmetic
 * of RFC 6275 §9.5.1 and §6.1.7. The messages themselves are in the sub-packages {@code mh} (Mobility Header),
 * {@code icmp} (ICMPv6), {@code ipv6} (whole packets with the Home Address option and the type 2 routing header)
 * and {@code rr} (return-routability cryptography).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.wire;

import mobility.api.net.Ipv6Address;
