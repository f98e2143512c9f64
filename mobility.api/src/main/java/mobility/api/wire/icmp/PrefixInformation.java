package mobility.api.wire.icmp;

import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * Prefix Information (RFC 4861 §4.6.2, with the Router Address flag R of RFC 6275 §7.2): Type 3, Length 4, Prefix
 * Length, flags L A R, Valid and Preferred Lifetime (seconds), Reserved2, Prefix. With R set the Prefix field holds
 * the router's whole global address, which lets a mobile node learn its home agents' addresses.
 */
public record PrefixInformation(int prefixLength, int flags, long validLifetime, long preferredLifetime,
        Ipv6Address prefix) implements NdOption {

    public static final int LENGTH = 32;

    public static final int ON_LINK = 0x80;
    public static final int AUTONOMOUS_ADDRESS_CONFIGURATION = 0x40;
    /** R (RFC 6275 §7.2). */
    public static final int ROUTER_ADDRESS = 0x20;
    public static final int FLAG_MASK = 0xe0;

    public PrefixInformation {
        Objects.requireNonNull(prefix, "prefix");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("Prefix Length out of 0..128: " + prefixLength);
        }
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("undefined Prefix Information flags: 0x" + Integer.toHexString(flags));
        }
        if (validLifetime >>> 32 != 0 || preferredLifetime >>> 32 != 0) {
            throw new IllegalArgumentException("lifetimes are 32 bits: " + validLifetime + ", " + preferredLifetime);
        }
    }

    static PrefixInformation read(byte[] b, int at) {
        return new PrefixInformation(NetworkBytes.u8(b, at + 2), NetworkBytes.u8(b, at + 3) & FLAG_MASK,
                NetworkBytes.u32(b, at + 4), NetworkBytes.u32(b, at + 8), Ipv6Address.read(b, at + 16));
    }

    public boolean onLink() {
        return (flags & ON_LINK) != 0;
    }

    public boolean autonomousAddressConfiguration() {
        return (flags & AUTONOMOUS_ADDRESS_CONFIGURATION) != 0;
    }

    public boolean routerAddress() {
        return (flags & ROUTER_ADDRESS) != 0;
    }

    @Override
    public int type() {
        return PREFIX_INFORMATION;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, PREFIX_INFORMATION);
        NetworkBytes.put8(b, offset + 1, LENGTH / LENGTH_UNIT);
        NetworkBytes.put8(b, offset + 2, prefixLength);
        NetworkBytes.put8(b, offset + 3, flags);
        NetworkBytes.put32(b, offset + 4, validLifetime);
        NetworkBytes.put32(b, offset + 8, preferredLifetime);
        NetworkBytes.put32(b, offset + 12, 0);
        prefix.write(b, offset + 16);
    }
}
