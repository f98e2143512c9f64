package mobility.api.wire.icmp;

import java.util.List;

import mobility.api.wire.NetworkBytes;

/**
 * Router Advertisement (RFC 4861 §4.2) with the Home Agent flag H of RFC 6275 §7.1: Cur Hop Limit, the flag octet
 * (M O H, Prf of RFC 4191 and the rest kept as received), Router Lifetime (seconds), Reachable Time and Retrans
 * Timer (milliseconds), options.
 */
public record RouterAdvertisement(int curHopLimit, int flags, int routerLifetime, long reachableTime,
        long retransTimer, List<NdOption> options) implements Icmpv6Message {

    public static final int MIN_LENGTH = 16;

    public static final int MANAGED_ADDRESS_CONFIGURATION = 0x80;
    public static final int OTHER_CONFIGURATION = 0x40;
    /** H: the router is a home agent on this link (RFC 6275 §7.1). */
    public static final int HOME_AGENT = 0x20;

    public RouterAdvertisement {
        if (curHopLimit >>> 8 != 0 || flags >>> 8 != 0 || routerLifetime >>> 16 != 0
                || reachableTime >>> 32 != 0 || retransTimer >>> 32 != 0 || reachableTime < 0 || retransTimer < 0) {
            throw new IllegalArgumentException("Router Advertisement field out of range");
        }
        options = List.copyOf(options);
    }

    public boolean managedAddressConfiguration() {
        return (flags & MANAGED_ADDRESS_CONFIGURATION) != 0;
    }

    public boolean otherConfiguration() {
        return (flags & OTHER_CONFIGURATION) != 0;
    }

    public boolean homeAgent() {
        return (flags & HOME_AGENT) != 0;
    }

    @Override
    public int icmpType() {
        return ROUTER_ADVERTISEMENT;
    }

    @Override
    public int bodyLength() {
        return 12 + NdOptions.length(options);
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, curHopLimit);
        NetworkBytes.put8(b, offset + 1, flags);
        NetworkBytes.put16(b, offset + 2, routerLifetime);
        NetworkBytes.put32(b, offset + 4, reachableTime);
        NetworkBytes.put32(b, offset + 8, retransTimer);
        NdOptions.write(options, b, offset + 12);
    }
}
