package mobility.api.wire.rr;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC_SHA1 and SHA1 from the JDK, which every Java SE runtime must provide. */
final class Crypto {

    private static final String HMAC_SHA1 = "HmacSHA1";

    private Crypto() {
    }

    static Mac hmacSha1(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks HmacSHA1, which Java SE requires", e);
        }
    }

    static MessageDigest sha1() {
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
