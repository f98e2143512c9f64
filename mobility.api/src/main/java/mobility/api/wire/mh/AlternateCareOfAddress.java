package mobility.api.wire.mh;

import java.util.Objects;

import mobility.api.net.Ipv6Address;

/**
 * Alternate Care-of Address (RFC 6275 §6.2.5): the care-of address to bind instead of the packet's Source Address.
 * Alignment 8n+6, Length 16.
 */
public record AlternateCareOfAddress(Ipv6Address address) implements MobilityOption {

    public static final int LENGTH = 16;

    public AlternateCareOfAddress {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public int type() {
        return ALTERNATE_CARE_OF_ADDRESS;
    }
}
