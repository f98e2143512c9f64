package mobility.api.wire.icmp;

import mobility.api.wire.NetworkBytes;

/**
 * Home Agent Address Discovery Request (RFC 6275 §6.5, ICMPv6 Type 144), sent by a mobile node to the home agents'
 * anycast address of its home subnet: Identifier (16 bits), Reserved (16 bits).
 */
public record HomeAgentAddressDiscoveryRequest(int identifier) implements Icmpv6Message {

    public static final int LENGTH = 8;

    public HomeAgentAddressDiscoveryRequest {
        if (identifier >>> 16 != 0) {
            throw new IllegalArgumentException("Identifier out of 0..65535: " + identifier);
        }
    }

    @Override
    public int icmpType() {
        return HOME_AGENT_ADDRESS_DISCOVERY_REQUEST;
    }

    @Override
    public int bodyLength() {
        return 4;
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put16(b, offset, identifier);
        NetworkBytes.put16(b, offset + 2, 0);
    }
}
