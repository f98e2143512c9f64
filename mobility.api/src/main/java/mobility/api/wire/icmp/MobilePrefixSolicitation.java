package mobility.api.wire.icmp;

import mobility.api.wire.NetworkBytes;

/**
 * Mobile Prefix Solicitation (RFC 6275 §6.7, ICMPv6 Type 146), sent by a mobile node away from home to its home
 * agent: Identifier (16 bits), Reserved (16 bits).
 */
public record MobilePrefixSolicitation(int identifier) implements Icmpv6Message {

    public static final int LENGTH = 8;

    public MobilePrefixSolicitation {
        if (identifier >>> 16 != 0) {
            throw new IllegalArgumentException("Identifier out of 0..65535: " + identifier);
        }
    }

    @Override
    public int icmpType() {
        return MOBILE_PREFIX_SOLICITATION;
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
