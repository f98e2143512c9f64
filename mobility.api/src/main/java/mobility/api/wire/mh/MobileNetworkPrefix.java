package mobility.api.wire.mh;

import java.util.Objects;

import mobility.api.net.Ipv6Address;

/**
 * Mobile Network Prefix (RFC 3963 §4.3): a prefix of the mobile router's network, carried in a Binding Update with
 * the R flag. Layout Type, Length (18), Reserved, Prefix Length, Mobile Network Prefix; alignment 8n+4.
 */
public record MobileNetworkPrefix(int prefixLength, Ipv6Address prefix) implements MobilityOption {

    public static final int LENGTH = 18;

    public MobileNetworkPrefix {
        Objects.requireNonNull(prefix, "prefix");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("Prefix Length out of 0..128: " + prefixLength);
        }
    }

    @Override
    public int type() {
        return MOBILE_NETWORK_PREFIX;
    }

    @Override
    public String toString() {
        return "MobileNetworkPrefix[" + prefix + "/" + prefixLength + "]";
    }
}
