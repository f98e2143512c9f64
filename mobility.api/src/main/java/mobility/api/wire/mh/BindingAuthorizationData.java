package mobility.api.wire.mh;

import java.util.Objects;

/**
 * Binding Authorization Data (RFC 6275 §6.2.7): the authenticator computed with the binding management key Kbm
 * (§5.2.6). It must be the last option, which gives it the implicit alignment 8n+2; Length 12 for the 96-bit
 * authenticator of return routability.
 */
public record BindingAuthorizationData(Authenticator authenticator) implements MobilityOption {

    public static final int LENGTH = Authenticator.LENGTH;

    /** An option whose authenticator is computed after encoding (see {@code rr.BindingManagementKey#sign}). */
    public static final BindingAuthorizationData UNSIGNED = new BindingAuthorizationData(Authenticator.ZERO);

    public BindingAuthorizationData {
        Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public int type() {
        return BINDING_AUTHORIZATION_DATA;
    }
}
