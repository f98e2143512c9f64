package mobility.api.wire.icmp;

/**
 * A Neighbor Discovery option (RFC 4861 §4.6): Type, Length in units of 8 octets (never 0), data. The options Mobile
 * IPv6 adds (RFC 6275 §7.2 - §7.4) are among the implementations.
 */
public sealed interface NdOption permits LinkLayerAddressOption, PrefixInformation, MtuOption, AdvertisementInterval,
        HomeAgentInformation, UnknownNdOption {

    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int MTU = 5;
    /** RFC 6275 §7.3. */
    int ADVERTISEMENT_INTERVAL = 7;
    /** RFC 6275 §7.4. */
    int HOME_AGENT_INFORMATION = 8;

    /** Octets in one unit of the Length field. */
    int LENGTH_UNIT = 8;

    int type();

    /** The whole option's octets, Type and Length included: a multiple of 8. */
    int length();

    /** Writes the whole option at {@code offset}. */
    void write(byte[] b, int offset);

    static String typeName(int type) {
        return switch (type) {
            case SOURCE_LINK_LAYER_ADDRESS -> "Source Link-Layer Address";
            case TARGET_LINK_LAYER_ADDRESS -> "Target Link-Layer Address";
            case PREFIX_INFORMATION -> "Prefix Information";
            case MTU -> "MTU";
            case ADVERTISEMENT_INTERVAL -> "Advertisement Interval";
            case HOME_AGENT_INFORMATION -> "Home Agent Information";
            default -> "ND option " + type;
        };
    }
}
