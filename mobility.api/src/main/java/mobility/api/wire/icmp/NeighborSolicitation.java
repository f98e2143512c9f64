package mobility.api.wire.icmp;

import java.util.List;
import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * Neighbor Solicitation (RFC 4861 §4.3): Reserved (32 bits), Target Address, options. From the unspecified address
 * it is a Duplicate Address Detection probe (RFC 4862 §5.4), which a home agent defends for its mobile nodes'
 * home addresses (RFC 6275 §10.4.1).
 */
public record NeighborSolicitation(Ipv6Address target, List<NdOption> options) implements Icmpv6Message {

    public static final int MIN_LENGTH = 24;

    public NeighborSolicitation {
        Objects.requireNonNull(target, "target");
        options = List.copyOf(options);
    }

    @Override
    public int icmpType() {
        return NEIGHBOR_SOLICITATION;
    }

    @Override
    public int bodyLength() {
        return 20 + NdOptions.length(options);
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put32(b, offset, 0);
        target.write(b, offset + 4);
        NdOptions.write(options, b, offset + 20);
    }
}
