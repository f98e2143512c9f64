package mobility.api.wire.icmp;

import mobility.api.wire.NetworkBytes;

/** MTU (RFC 4861 §4.6.4): Type 5, Length 1, Reserved, the link's MTU. */
public record MtuOption(long mtu) implements NdOption {

    public static final int LENGTH = 8;

    public MtuOption {
        if (mtu < 0 || mtu >>> 32 != 0) {
            throw new IllegalArgumentException("MTU is 32 bits: " + mtu);
        }
    }

    @Override
    public int type() {
        return MTU;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, MTU);
        NetworkBytes.put8(b, offset + 1, 1);
        NetworkBytes.put16(b, offset + 2, 0);
        NetworkBytes.put32(b, offset + 4, mtu);
    }
}
