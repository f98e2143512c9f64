package mobility.api.wire.rr;

import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.MobilityHeader;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.MobilityOption;

/**
 * Kbm, the binding management key (RFC 6275 §5.2.5): SHA1(home keygen token | care-of keygen token), or
 * SHA1(home keygen token) alone when the mobile node deregisters at home. It authorizes a Binding Update and the
 * Binding Acknowledgement that answers it through the Binding Authorization Data option (§5.2.6).
 */
public final class BindingManagementKey {

    /** Octets of Kbm: a SHA1 digest. */
    public static final int LENGTH = 20;

    private final byte[] key;

    private BindingManagementKey(byte[] key) {
        this.key = key;
    }

    /** Kbm = SHA1(home keygen token | care-of keygen token) (§5.2.5). */
    public static BindingManagementKey of(long homeKeygenToken, long careOfKeygenToken) {
        MessageDigest sha1 = Crypto.sha1();
        sha1.update(Crypto.octets(homeKeygenToken));
        sha1.update(Crypto.octets(careOfKeygenToken));
        return new BindingManagementKey(sha1.digest());
    }

    /** Kbm = SHA1(home keygen token), for a deregistration, when the care-of address is the home address (§5.2.5). */
    public static BindingManagementKey forDeregistration(long homeKeygenToken) {
        MessageDigest sha1 = Crypto.sha1();
        sha1.update(Crypto.octets(homeKeygenToken));
        return new BindingManagementKey(sha1.digest());
    }

    /**
     * Authenticator = First(96, HMAC_SHA1(Kbm, (care-of address | correspondent | MH Data))) (§5.2.6), where MH Data
     * is the Mobility Header of {@code length} octets at {@code offset} without the 12 octets of the Authenticator
     * at {@code authenticatorOffset} (counted from {@code offset}), and with the Checksum taken as zero.
     */
    public Authenticator authenticator(Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mh, int offset,
            int length, int authenticatorOffset) {
        if (authenticatorOffset < MobilityHeader.MESSAGE_DATA || authenticatorOffset + Authenticator.LENGTH > length) {
            throw new IllegalArgumentException("no authenticator at offset " + authenticatorOffset
                    + " of a Mobility Header of " + length + " octets");
        }
        Mac mac = Crypto.hmacSha1(key);
        mac.update(careOfAddress.toBytes());
        mac.update(correspondent.toBytes());
        mac.update(mh, offset, MobilityHeader.CHECKSUM);
        mac.update(new byte[2]);
        int afterChecksum = offset + MobilityHeader.MESSAGE_DATA;
        mac.update(mh, afterChecksum, offset + authenticatorOffset - afterChecksum);
        int afterAuthenticator = offset + authenticatorOffset + Authenticator.LENGTH;
        mac.update(mh, afterAuthenticator, offset + length - afterAuthenticator);
        return Authenticator.of(Arrays.copyOf(mac.doFinal(), Authenticator.LENGTH));
    }

    /**
     * Writes the authenticator into a Mobility Header just encoded (with its checksum still to be filled) whose last
     * option is Binding Authorization Data, as the encoder places it (§6.2.7). The caller fills the checksum after.
     */
    public void sign(Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mh, int offset, int length) {
        int authenticatorOffset = length - Authenticator.LENGTH;
        if (authenticatorOffset < MobilityHeader.MESSAGE_DATA + 2
                || NetworkBytes.u8(mh, offset + authenticatorOffset - 2) != MobilityOption.BINDING_AUTHORIZATION_DATA
                || NetworkBytes.u8(mh, offset + authenticatorOffset - 1) != Authenticator.LENGTH) {
            throw new IllegalArgumentException("the Mobility Header does not end with Binding Authorization Data");
        }
        authenticator(careOfAddress, correspondent, mh, offset, length, authenticatorOffset)
                .write(mh, offset + authenticatorOffset);
    }

    /**
     * Whether the Binding Authorization Data of {@code message}, decoded from the {@code length} octets at
     * {@code offset}, carries the authenticator this key gives (compared in constant time).
     */
    public boolean verifies(Ipv6Address careOfAddress, Ipv6Address correspondent, byte[] mh, int offset, int length,
            MobilityMessage message) {
        int at = message.authenticatorOffset();
        if (at < 0 || message.bindingAuthorizationData().isEmpty()) {
            return false;
        }
        byte[] expected = authenticator(careOfAddress, correspondent, mh, offset, length, at).octets();
        byte[] received = message.bindingAuthorizationData().get().authenticator().octets();
        return MessageDigest.isEqual(expected, received);
    }

    public byte[] octets() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingManagementKey k && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key itself, so that it does not end up in logs. */
    @Override
    public String toString() {
        return "BindingManagementKey[20 octets]";
    }
}
