package mobility.api.wire.mh;

import java.util.List;

import mobility.api.wire.WireFormatException;

/**
 * Binding Refresh Request (RFC 6275 §6.1.2, MH Type 0): a correspondent node or home agent asks the mobile node to
 * update its binding. Message data: a 16-bit Reserved field, then options.
 */
public final class BindingRefreshRequest extends MobilityMessage {

    /** Octets before the options: the common part and Reserved. */
    public static final int FIXED_LENGTH = 8;

    public BindingRefreshRequest(List<? extends MobilityOption> options) {
        super(options);
    }

    public BindingRefreshRequest(MobilityOption... options) {
        this(List.of(options));
    }

    BindingRefreshRequest(byte[] b, int mh, int end, MobilityOptionRegistry registry) throws WireFormatException {
        super(b, mh, mh + FIXED_LENGTH, end, registry, MobilityHeader.typeName(MobilityHeader.BINDING_REFRESH_REQUEST));
    }

    @Override
    public int mhType() {
        return MobilityHeader.BINDING_REFRESH_REQUEST;
    }

    @Override
    int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    void writeFields(byte[] b, int mh) {
        b[mh + 6] = 0;
        b[mh + 7] = 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingRefreshRequest m && sameOptions(m);
    }

    @Override
    public int hashCode() {
        return optionsHash();
    }

    @Override
    public String toString() {
        return "BindingRefreshRequest[" + optionsText().replaceFirst("^, ", "") + "]";
    }
}
