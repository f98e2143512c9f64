package mobility.api.wire.mh;

import java.util.Arrays;

import mobility.api.wire.NetworkBytes;

/**
 * A mobility option whose type no codec knows: skipped as RFC 6275 §6.2.1 prescribes, and kept with its data so
 * that tools can show it.
 */
public final class UnknownMobilityOption implements MobilityOption {

    private final int type;
    private final byte[] data;

    public UnknownMobilityOption(int type, byte[] data) {
        if (type < 0 || type > 255 || type == PAD1) {
            throw new IllegalArgumentException("option type out of 1..255: " + type);
        }
        if (data.length > 255) {
            throw new IllegalArgumentException("option data longer than 255 octets: " + data.length);
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

    public int length() {
        return data.length;
    }

    void write(byte[] b, int offset) {
        System.arraycopy(data, 0, b, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMobilityOption u && u.type == type && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnknownMobilityOption[type=" + type + ", data=" + NetworkBytes.hex(data, 0, data.length) + "]";
    }
}
