package mobility.api.wire.mh;

import java.util.List;
import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Binding Error (RFC 6275 §6.1.9, MH Type 7): a node signals a problem with mobility signaling. Message data:
 * Status (8 bits), Reserved (8 bits), Home Address (128 bits: the home address from the Home Address option of the
 * packet in error, or unspecified), options.
 */
public final class BindingError extends MobilityMessage {

    /** Offsets from the start of the Mobility Header. */
    public static final int STATUS = 6;
    public static final int HOME_ADDRESS = 8;
    public static final int FIXED_LENGTH = 24;

    /** Status 1: Unknown binding for Home Address destination option. */
    public static final int UNKNOWN_BINDING_FOR_HOME_ADDRESS_OPTION = 1;
    /** Status 2: Unrecognized MH Type value. */
    public static final int UNRECOGNIZED_MH_TYPE = 2;

    private final int status;
    private final Ipv6Address homeAddress;

    public BindingError(int status, Ipv6Address homeAddress, List<? extends MobilityOption> options) {
        super(options);
        if (status < 0 || status > 255) {
            throw new IllegalArgumentException("Status out of 0..255: " + status);
        }
        this.status = status;
        this.homeAddress = Objects.requireNonNull(homeAddress, "homeAddress");
    }

    public BindingError(int status, Ipv6Address homeAddress, MobilityOption... options) {
        this(status, homeAddress, List.of(options));
    }

    BindingError(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.BINDING_ERROR));
        status = NetworkBytes.u8(b, mh + STATUS);
        homeAddress = Ipv6Address.read(b, mh + HOME_ADDRESS);
    }

    public int status() {
        return status;
    }

    /** The status in words. */
    public String statusText() {
        return switch (status) {
            case UNKNOWN_BINDING_FOR_HOME_ADDRESS_OPTION -> "Unknown binding for Home Address destination option";
            case UNRECOGNIZED_MH_TYPE -> "Unrecognized MH Type value";
            default -> "status " + status;
        };
    }

    public Ipv6Address homeAddress() {
        return homeAddress;
    }

    @Override
    public int mhType() {
        return MobilityHeader.BINDING_ERROR;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        NetworkBytes.put8(b, mh + STATUS, status);
        b[mh + STATUS + 1] = 0;
        homeAddress.write(b, mh + HOME_ADDRESS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingError m && m.status == status && m.homeAddress.equals(homeAddress)
                && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return (status * 31 + homeAddress.hashCode()) * 31 + optionsHash();
    }

    @Override
    public String toString() {
        return "BindingError[status=" + status + ", homeAddress=" + homeAddress + optionsText() + "]";
    }
}
