package mobility.api.binding;

import java.util.List;
import java.util.Objects;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * One binding cache entry (RFC 6275 §9.1): the care-of address a home address is bound to at one of this node's
 * addresses, until when, and under which sequence number and flags it was registered. The same record serves the
 * home agent (a home registration, H set, §10.3.1) and the correspondent node (a correspondent binding, H clear,
 * §9.5.1): the entry is identified by {@link #key()}, the local address and the home address, and its
 * {@link #kind()} follows from the H flag as the Binding Update that made it said.
 *
 * @param homeAddress the mobile node's home address (the key)
 * @param careOfAddress where the mobile node is now
 * @param localAddress this node's address the Binding Update was sent to: for a home agent its own address (the
 *        tunnel's local end), for a correspondent node the address the mobile node talks to; the source of the
 *        acknowledgement either way
 * @param sequence the sequence number of the Binding Update that created or last refreshed the entry (§9.5.1)
 * @param flags the Binding Update flags the entry was registered with, {@link #HOME_REGISTRATION} etc.
 * @param lifetimeSeconds the lifetime granted in the Binding Acknowledgement
 * @param registeredAtMillis when it was accepted (epoch milliseconds)
 * @param expiresAtMillis when it expires (epoch milliseconds); absolute so that it survives a restart
 * @param mobileNetworkPrefixes the prefixes of a mobile router (RFC 3963), empty for a host
 */
public record Binding(Ipv6Address homeAddress, Ipv6Address careOfAddress, Ipv6Address localAddress,
        int sequence, int flags,
        int lifetimeSeconds, long registeredAtMillis, long expiresAtMillis, List<Ipv6Prefix> mobileNetworkPrefixes) {

    /** H: home registration (§6.1.7). */
    public static final int HOME_REGISTRATION = 1;
    /** L: link-local address compatibility (§6.1.7). */
    public static final int LINK_LOCAL_COMPATIBILITY = 1 << 1;
    /** K: key management mobility capability (§6.1.7). */
    public static final int KEY_MANAGEMENT = 1 << 2;
    /** R: mobile router (RFC 3963 §4.1). */
    public static final int MOBILE_ROUTER = 1 << 3;
    /** A: the registration asked for an acknowledgement (§6.1.7). */
    public static final int ACKNOWLEDGE = 1 << 4;

    public Binding {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(localAddress, "localAddress");
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence " + sequence + " is not a 16-bit number");
        }
        mobileNetworkPrefixes = List.copyOf(mobileNetworkPrefixes);
    }

    /** What identifies the entry: the local address and the home address (§9.1). */
    public BindingKey key() {
        return new BindingKey(localAddress, homeAddress);
    }

    /** A home registration when H is set, a correspondent binding otherwise (§6.1.7, §9.5.1). */
    public BindingKind kind() {
        return BindingKind.of(flags);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Seconds left at {@code nowMillis}, never negative. */
    public long remainingSeconds(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis) / 1000);
    }

    public boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** The flags as mip6d prints them (A, H, L, K, then R for a mobile router), '-' for each one not set. */
    public String flagString() {
        return (has(ACKNOWLEDGE) ? "A" : "-") + (has(HOME_REGISTRATION) ? "H" : "-")
                + (has(LINK_LOCAL_COMPATIBILITY) ? "L" : "-") + (has(KEY_MANAGEMENT) ? "K" : "-")
                + (has(MOBILE_ROUTER) ? "R" : "");
    }
}
