/**
 * IPv6 addresses and prefixes as small immutable values, shared by the codec, the kernel driver and the roles.
 *
 * <p>{@link java.net.Inet6Address} carries scope and host-name baggage and throws checked exceptions; the protocol
 * code needs 128 bits it can compare, hash and slice cheaply.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package mobility.api.net;
