package mobility.api.wire.icmp;

import java.util.List;
import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * Neighbor Advertisement (RFC 4861 §4.4): the flags R S O and 29 reserved bits, Target Address, options; a home
 * agent sends it for a mobile node's home address when it intercepts for it (RFC 6275 §10.4.1).
 */
public record NeighborAdvertisement(int flags, Ipv6Address target, List<NdOption> options) implements Icmpv6Message {

    public static final int MIN_LENGTH = 24;

    /** Flags, as bits of the first octet after the checksum. */
    public static final int ROUTER = 0x80;
    public static final int SOLICITED = 0x40;
    public static final int OVERRIDE = 0x20;
    public static final int FLAG_MASK = 0xe0;

    public NeighborAdvertisement {
        Objects.requireNonNull(target, "target");
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("undefined Neighbor Advertisement flags: 0x" + Integer.toHexString(flags));
        }
        options = List.copyOf(options);
    }

    public boolean router() {
        return (flags & ROUTER) != 0;
    }

    public boolean solicited() {
        return (flags & SOLICITED) != 0;
    }

    public boolean override() {
        return (flags & OVERRIDE) != 0;
    }

    @Override
    public int icmpType() {
        return NEIGHBOR_ADVERTISEMENT;
    }

    @Override
    public int bodyLength() {
        return 20 + NdOptions.length(options);
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put32(b, offset, (long) flags << 24);
        target.write(b, offset + 4);
        NdOptions.write(options, b, offset + 20);
    }
}
