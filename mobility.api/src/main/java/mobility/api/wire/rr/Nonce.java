package mobility.api.wire.rr;

/** A correspondent node's 64-bit nonce and the 16-bit index that names it in Home/Care-of Test and Nonce Indices (§5.2.2). */
public record Nonce(int index, long value) {

    public Nonce {
        if (index >>> 16 != 0) {
            throw new IllegalArgumentException("nonce index out of 0..65535: " + index);
        }
    }
}
