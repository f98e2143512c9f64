/**
 * Return-routability cryptography (RFC 6275 §5.2): the correspondent node's key Kcn and its nonces with their
 * indices, the home and care-of keygen tokens, the binding management key Kbm and the Binding Authorization Data
 * authenticator. HMAC_SHA1 and SHA1 come from the JDK's {@code javax.crypto} and {@code java.security}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package mobility.api.wire.rr;
