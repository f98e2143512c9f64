package mobility.api.wire.icmp;

import java.util.Arrays;

import mobility.api.wire.NetworkBytes;

/** A Neighbor Discovery option this codec does not interpret, kept whole; receivers ignore it (RFC 4861 §4.6). */
public final class UnknownNdOption implements NdOption {

    private final int type;
    private final byte[] data;

    /** @param data the octets after Type and Length: 6, 14, 22, ... octets */
    public UnknownNdOption(int type, byte[] data) {
        if (type < 0 || type > 255 || (data.length + 2) % LENGTH_UNIT != 0 || data.length + 2 > 255 * LENGTH_UNIT) {
            throw new IllegalArgumentException("ND option " + type + " with " + data.length + " data octets");
        }
        this.type = type;
        this.data = data.clone();
    }

    @Override
    public int type() {
        return type;
    }

    public byte[] data() {
        return data.clone();
    }

    @Override
    public int length() {
        return data.length + 2;
    }

    @Override
    public void write(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, type);
        NetworkBytes.put8(b, offset + 1, length() / LENGTH_UNIT);
        System.arraycopy(data, 0, b, offset + 2, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownNdOption u && u.type == type && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnknownNdOption[type=" + type + ", data=" + NetworkBytes.hex(data, 0, data.length) + "]";
    }
}
