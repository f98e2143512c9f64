package mobility.api.wire.icmp;

import mobility.api.wire.NetworkBytes;

/**
 * Advertisement Interval (RFC 6275 §7.3): Type 7, Length 1, Reserved (16 bits), the longest time in milliseconds
 * between this router's unsolicited Router Advertisements, so that a mobile node can detect its movement.
 */
public record AdvertisementInterval(long intervalMillis) implements NdOption {

    public static final int LENGTH = 8;

    public AdvertisementInterval {
        if (intervalMillis < 0 || intervalMillis >>> 32 != 0) {
            throw new IllegalArgumentException("Advertisement Interval is 32 bits: " + intervalMillis);
        }
    }

    @Override
    public int type() {
        return ADVERTISEMENT_INTERVAL;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, ADVERTISEMENT_INTERVAL);
        NetworkBytes.put8(b, offset + 1, 1);
        NetworkBytes.put16(b, offset + 2, 0);
        NetworkBytes.put32(b, offset + 4, intervalMillis);
    }
}
