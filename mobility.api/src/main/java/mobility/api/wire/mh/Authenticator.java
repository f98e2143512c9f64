package mobility.api.wire.mh;

import mobility.api.wire.NetworkBytes;

/**
 * The 96-bit Authenticator of the Binding Authorization Data option (RFC 6275 §5.2.6, §6.2.7), held as its first 64
 * and last 32 bits so that decoding it allocates nothing but this value.
 */
public record Authenticator(long first64, int last32) {

    public static final int LENGTH = 12;

    /** All zero: the value an encoder writes before the authenticator is computed over the encoded message. */
    public static final Authenticator ZERO = new Authenticator(0, 0);

    public static Authenticator read(byte[] b, int offset) {
        return new Authenticator(NetworkBytes.u64(b, offset), (int) NetworkBytes.u32(b, offset + 8));
    }

    public static Authenticator of(byte[] twelveOctets) {
        if (twelveOctets.length != LENGTH) {
            throw new IllegalArgumentException("an authenticator has 12 octets, not " + twelveOctets.length);
        }
        return read(twelveOctets, 0);
    }

    public void write(byte[] b, int offset) {
        NetworkBytes.put64(b, offset, first64);
        NetworkBytes.put32(b, offset + 8, last32 & 0xffff_ffffL);
    }

    public byte[] octets() {
        byte[] out = new byte[LENGTH];
        write(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return NetworkBytes.hex(octets(), 0, LENGTH);
    }
}
