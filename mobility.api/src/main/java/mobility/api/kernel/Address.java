package mobility.api.kernel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import mobility.api.net.Ipv6Prefix;

/**
 * An IPv6 address on an interface.
 *
 * @param ifindex           the interface index
 * @param prefix            the address and its prefix length
 * @param flags             requested flags when adding, the kernel's flags when reported
 * @param validLifetime     seconds, {@link #FOREVER} for no limit
 * @param preferredLifetime seconds, {@link #FOREVER} for no limit
 * @param protocol          who added it (IFA_PROTO); {@link KernelMarks#PROTOCOL} for the platform's addresses
 */
public record Address(int ifindex, Ipv6Prefix prefix, Set<AddressFlag> flags, long validLifetime,
        long preferredLifetime, int protocol) {

    /** The kernel's "infinity" lifetime (INFINITY_LIFE_TIME). */
    public static final long FOREVER = 0xFFFF_FFFFL;

    public Address {
        EnumSet<AddressFlag> copy = EnumSet.noneOf(AddressFlag.class);
        copy.addAll(flags);
        flags = Collections.unmodifiableSet(copy);
        if (validLifetime < 0 || validLifetime > FOREVER || preferredLifetime < 0 || preferredLifetime > FOREVER) {
            throw new IllegalArgumentException("lifetimes are 0.." + FOREVER + " seconds");
        }
        if (preferredLifetime > validLifetime) {
            throw new IllegalArgumentException("the preferred lifetime " + preferredLifetime
                    + " exceeds the valid lifetime " + validLifetime);
        }
    }

    /** A permanent address without flags, to be refined with the {@code with...} methods. */
    public static Address of(int ifindex, Ipv6Prefix prefix) {
        return new Address(ifindex, prefix, Set.of(), FOREVER, FOREVER, KernelMarks.PROTOCOL);
    }

    public Address withFlags(AddressFlag... requested) {
        EnumSet<AddressFlag> set = EnumSet.noneOf(AddressFlag.class);
        Collections.addAll(set, requested);
        return new Address(ifindex, prefix, set, validLifetime, preferredLifetime, protocol);
    }

    public Address withLifetimes(long valid, long preferred) {
        return new Address(ifindex, prefix, flags, valid, preferred, protocol);
    }

    public boolean has(AddressFlag flag) {
        return flags.contains(flag);
    }

    public boolean isTentative() {
        return flags.contains(AddressFlag.TENTATIVE);
    }

    public boolean dadFailed() {
        return flags.contains(AddressFlag.DADFAILED);
    }
}
