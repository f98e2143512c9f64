package mobility.api.security;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.signal.SignallingPacket;

/**
 * Registered by a bundle that protects signalling with IPsec (RFC 3776 §4: ESP in transport mode between the mobile
 * node's home address and the home agent). Without one, no message counts as protected.
 */
@ProviderType
public interface SignallingProtection {

    /**
     * Whether {@code packet} arrived under a security association that covers the signalling of its home address
     * (RFC 3776 §4.1: the Binding Update's home address must match the SA's).
     */
    boolean isProtected(SignallingPacket packet);

    /** The security associations and policies in force, for status displays. */
    Map<String, Object> describe();
}
