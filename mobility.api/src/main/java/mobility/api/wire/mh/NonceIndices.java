package mobility.api.wire.mh;

/**
 * Nonce Indices (RFC 6275 §6.2.6): which of the correspondent node's nonces made the home and care-of keygen tokens
 * that authorize a Binding Update. Alignment 2n, Length 4.
 */
public record NonceIndices(int homeNonceIndex, int careOfNonceIndex) implements MobilityOption {

    public static final int LENGTH = 4;

    public NonceIndices {
        if ((homeNonceIndex | careOfNonceIndex) >>> 16 != 0) {
            throw new IllegalArgumentException("nonce indices are 16 bits: " + homeNonceIndex + ", " + careOfNonceIndex);
        }
    }

    @Override
    public int type() {
        return NONCE_INDICES;
    }
}
