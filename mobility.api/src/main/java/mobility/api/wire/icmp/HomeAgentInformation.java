package mobility.api.wire.icmp;

import mobility.api.wire.NetworkBytes;

/**
 * Home Agent Information (RFC 6275 §7.4): Type 8, Length 1, Reserved (16 bits), Home Agent Preference (16-bit
 * signed: higher is more preferable, negative values are allowed), Home Agent Lifetime (16 bits, seconds).
 */
public record HomeAgentInformation(int preference, int lifetimeSeconds) implements NdOption {

    public static final int LENGTH = 8;

    public HomeAgentInformation {
        if (preference < Short.MIN_VALUE || preference > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Home Agent Preference is a signed 16-bit value: " + preference);
        }
        if (lifetimeSeconds >>> 16 != 0) {
            throw new IllegalArgumentException("Home Agent Lifetime out of 0..65535: " + lifetimeSeconds);
        }
    }

    static HomeAgentInformation read(byte[] b, int at) {
        return new HomeAgentInformation((short) NetworkBytes.u16(b, at + 4), NetworkBytes.u16(b, at + 6));
    }

    @Override
    public int type() {
        return HOME_AGENT_INFORMATION;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void write(byte[] b, int offset) {
        NetworkBytes.put8(b, offset, HOME_AGENT_INFORMATION);
        NetworkBytes.put8(b, offset + 1, 1);
        NetworkBytes.put16(b, offset + 2, 0);
        NetworkBytes.put16(b, offset + 4, preference);
        NetworkBytes.put16(b, offset + 6, lifetimeSeconds);
    }
}
