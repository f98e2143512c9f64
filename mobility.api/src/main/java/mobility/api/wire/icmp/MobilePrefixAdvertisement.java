package mobility.api.wire.icmp;

import java.util.List;

import mobility.api.wire.NetworkBytes;

/**
 * Mobile Prefix Advertisement (RFC 6275 §6.8, ICMPv6 Type 147), a home agent's answer or unsolicited update:
 * Identifier, the flags M and O and 14 reserved bits, options (Prefix Information).
 */
public record MobilePrefixAdvertisement(int identifier, int flags, List<NdOption> options) implements Icmpv6Message {

    public static final int MIN_LENGTH = 8;

    /** Flags, as bits of the octet after the Identifier. */
    public static final int MANAGED_ADDRESS_CONFIGURATION = 0x80;
    public static final int OTHER_CONFIGURATION = 0x40;
    public static final int FLAG_MASK = 0xc0;

    public MobilePrefixAdvertisement {
        if (identifier >>> 16 != 0) {
            throw new IllegalArgumentException("Identifier out of 0..65535: " + identifier);
        }
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("undefined Mobile Prefix Advertisement flags: 0x"
                    + Integer.toHexString(flags));
        }
        options = List.copyOf(options);
    }

    public boolean managedAddressConfiguration() {
        return (flags & MANAGED_ADDRESS_CONFIGURATION) != 0;
    }

    public boolean otherConfiguration() {
        return (flags & OTHER_CONFIGURATION) != 0;
    }

    @Override
    public int icmpType() {
        return MOBILE_PREFIX_ADVERTISEMENT;
    }

    @Override
    public int bodyLength() {
        return 4 + NdOptions.length(options);
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put16(b, offset, identifier);
        NetworkBytes.put8(b, offset + 2, flags);
        b[offset + 3] = 0;
        NdOptions.write(options, b, offset + 4);
    }
}
