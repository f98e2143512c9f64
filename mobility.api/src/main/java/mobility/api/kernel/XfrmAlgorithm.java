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
}
