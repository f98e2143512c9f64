package mobility.api.wire.rr;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC_SHA1 and SHA1 from the JDK, which every Java SE runtime must provide. One instance of each per thread: looking
 * the algorithm up among the providers costs more than the hash of a Binding Update itself, and a correspondent node
 * makes five of them per update (two keygen tokens, Kbm, the update's and the acknowledgement's authenticators).
 * Each use finishes (doFinal, digest) before the next one starts on the same thread, which leaves the instance reset.
 */
final class Crypto {

    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final ThreadLocal<Keyed> MAC = ThreadLocal.withInitial(() -> new Keyed(newMac()));
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(Crypto::newSha1);

    private Crypto() {
    }

    /** A thread's Mac and the key array it was last keyed with: doFinal leaves it keyed, ready for the same key. */
    private static final class Keyed {
        final Mac mac;
        byte[] key;

        Keyed(Mac mac) {
            this.mac = mac;
        }
    }

    /**
     * This thread's HMAC_SHA1, keyed with {@code key}, an array its owner never changes (a Kbm checks a Binding
     * Update and then signs its acknowledgement: the key set-up is done once for both).
     */
    static Mac hmacSha1(byte[] key) {
        Keyed k = MAC.get();
        if (k.key != key) {
            keyed(k.mac, key);
            k.key = key;
        } else {
            k.mac.reset(); // a use cut short by an exception leaves nothing behind
        }
        return k.mac;
    }

    /** A Mac of its own keyed with {@code key}, for a key used again and again (Kcn). */
    static Mac newHmacSha1(byte[] key) {
        return keyed(newMac(), key);
    }

    private static Mac keyed(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 refused a " + key.length + "-octet key", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC_SHA1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks HmacSHA1, which Java SE requires", e);
        }
    }

    /** This thread's SHA1, reset. */
    static MessageDigest sha1() {
        MessageDigest d = SHA1.get();
        d.reset();
        return d;
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks SHA-1, which Java SE requires", e);
        }
    }

    static long first64(byte[] digest) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | digest[i] & 0xff;
        }
        return v;
    }

    static byte[] octets(long v) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }
}
