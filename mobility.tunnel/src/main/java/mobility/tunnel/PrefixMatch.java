package mobility.tunnel;

import java.util.List;

import mobility.api.net.Ipv6Prefix;

/** Prefixes as masks over the two 64-bit halves of an address, matched without making address objects. */
final class PrefixMatch {

    private final long[] highMask;
    private final long[] lowMask;
    private final long[] highValue;
    private final long[] lowValue;

    PrefixMatch(List<Ipv6Prefix> prefixes) {
        int n = prefixes.size();
        highMask = new long[n];
        lowMask = new long[n];
        highValue = new long[n];
        lowValue = new long[n];
        for (int i = 0; i < n; i++) {
            Ipv6Prefix p = prefixes.get(i);
            int length = p.length();
            highMask[i] = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
            lowMask[i] = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
            highValue[i] = p.address().high() & highMask[i];
            lowValue[i] = p.address().low() & lowMask[i];
        }
    }

    boolean matches(long high, long low) {
        for (int i = 0; i < highMask.length; i++) {
            if ((high & highMask[i]) == highValue[i] && (low & lowMask[i]) == lowValue[i]) {
                return true;
            }
        }
        return false;
    }
}
