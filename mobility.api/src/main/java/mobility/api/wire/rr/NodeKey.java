package mobility.api.wire.rr;

import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;

import mobility.api.net.Ipv6Address;

/**
 * Kcn, the correspondent node's secret key (RFC 6275 §5.2.1): 20 random octets, from which the node makes the
 * keygen tokens of the home and care-of tests without keeping state per mobile node (§5.2.5).
 */
public final class NodeKey {

    /** Octets of Kcn (§5.2.1). */
    public static final int LENGTH = 20;

    /** The last octet of the HMAC input: 0 for the home keygen token, 1 for the care-of keygen token (§5.2.5). */
    static final byte HOME = 0;
    static final byte CARE_OF = 1;

    private final byte[] key;
    /** Keyed once per thread: the key never changes, and HMAC's key set-up is two SHA1 blocks per token saved. */
    private final ThreadLocal<Mac> mac;

    private NodeKey(byte[] key) {
        this.key = key;
        this.mac = ThreadLocal.withInitial(() -> Crypto.newHmacSha1(key));
    }

    /** A new key from a strong random source, as §5.2.1 asks. */
    public static NodeKey generate(SecureRandom random) {
        byte[] key = new byte[LENGTH];
        random.nextBytes(key);
        return new NodeKey(key);
    }

    /** The key of these 20 octets (e.g. restored after a restart). */
    public static NodeKey of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("Kcn has 20 octets, not " + key.length);
        }
        return new NodeKey(key.clone());
    }

    /** home keygen token = First(64, HMAC_SHA1(Kcn, (home address | nonce | 0))) (§5.2.5). */
    public long homeKeygenToken(Ipv6Address homeAddress, long nonce) {
        return token(homeAddress, nonce, HOME);
    }

    /** care-of keygen token = First(64, HMAC_SHA1(Kcn, (care-of address | nonce | 1))) (§5.2.5). */
    public long careOfKeygenToken(Ipv6Address careOfAddress, long nonce) {
        return token(careOfAddress, nonce, CARE_OF);
    }

    private long token(Ipv6Address address, long nonce, byte which) {
        Mac mac = this.mac.get();
        mac.update(address.toBytes());
        mac.update(Crypto.octets(nonce));
        mac.update(which);
        return Crypto.first64(mac.doFinal());
    }

    public byte[] octets() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeKey k && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key itself, so that it does not end up in logs. */
    @Override
    public String toString() {
        return "NodeKey[20 octets]";
    }
}
