/**
 * Protection of Mobile IPv6 signalling (RFC 3776, RFC 4877): the hook through which an IPsec/IKEv2 bundle tells the
 * roles whether a message arrived protected, so that a home agent configured to require it can discard the rest.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.security;
