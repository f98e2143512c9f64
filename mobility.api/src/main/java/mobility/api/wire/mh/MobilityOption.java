package mobility.api.wire.mh;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A mobility option (RFC 6275 §6.2): Type, Length, and data. The standard options are records in this package;
 * an extension bundle implements this interface for its own type and registers a {@link MobilityOptionCodec}.
 */
@ConsumerType
public interface MobilityOption {

    /** Option Type values: §6.2.2 - §6.2.7, and RFC 3963 §4.3. */
    int PAD1 = 0;
    int PADN = 1;
    int BINDING_REFRESH_ADVICE = 2;
    int ALTERNATE_CARE_OF_ADDRESS = 3;
    int NONCE_INDICES = 4;
    int BINDING_AUTHORIZATION_DATA = 5;
    int MOBILE_NETWORK_PREFIX = 6;

    /** The option's Type (0..255). */
    int type();

    /** The option's name as its RFC writes it, or "Option Type n". */
    static String typeName(int type) {
        return switch (type) {
            case PAD1 -> "Pad1";
            case PADN -> "PadN";
            case BINDING_REFRESH_ADVICE -> "Binding Refresh Advice";
            case ALTERNATE_CARE_OF_ADDRESS -> "Alternate Care-of Address";
            case NONCE_INDICES -> "Nonce Indices";
            case BINDING_AUTHORIZATION_DATA -> "Binding Authorization Data";
            case MOBILE_NETWORK_PREFIX -> "Mobile Network Prefix";
            default -> "Option Type " + type;
        };
    }
}
