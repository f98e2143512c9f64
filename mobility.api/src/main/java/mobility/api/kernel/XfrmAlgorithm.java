package mobility.api.kernel;

/**
 * A cryptographic algorithm of an XFRM state, by its kernel crypto API name (e.g. "hmac(sha256)",
 * "cbc(aes)", "rfc4106(gcm(aes))").
 *
 * @param name     the algorithm name
 * @param key      the key
 * @param bits     truncation length (authentication) or ICV length (AEAD) in bits; 0 for encryption
 */
public record XfrmAlgorithm(String name, byte[] key, int bits) {

    public XfrmAlgorithm {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** By value, key included: a state read back from the kernel equals the one written. */
    @Override
    public boolean equals(Object o) {
        return o instanceof XfrmAlgorithm a && a.name.equals(name) && java.util.Arrays.equals(a.key, key)
                && a.bits == bits;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(key) * 7 + bits;
    }

    /** The key stays out of logs and error messages. */
    @Override
    public String toString() {
        return "XfrmAlgorithm[name=" + name + ", key=" + key.length * 8 + " bits, bits=" + bits + "]";
    }
}
