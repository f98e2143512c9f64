package mobility.api.wire.mh;

import mobility.api.wire.Lifetime;

/**
 * Binding Refresh Advice (RFC 6275 §6.2.4): the interval, in 4-second units, after which the home agent advises the
 * mobile node to refresh its binding. Alignment 2n, Length 2.
 */
public record BindingRefreshAdvice(int refreshInterval) implements MobilityOption {

    public static final int LENGTH = 2;

    public BindingRefreshAdvice {
        if (refreshInterval < 0 || refreshInterval > 0xffff) {
            throw new IllegalArgumentException("Refresh Interval out of 0..65535: " + refreshInterval);
        }
    }

    public long refreshIntervalSeconds() {
        return Lifetime.toSeconds(refreshInterval);
    }

    @Override
    public int type() {
        return BINDING_REFRESH_ADVICE;
    }
}
