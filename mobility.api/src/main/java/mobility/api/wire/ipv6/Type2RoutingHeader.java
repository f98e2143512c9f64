package mobility.api.wire.ipv6;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * The type 2 routing header (RFC 6275 §6.4): Next Header, Hdr Ext Len 2, Routing Type 2, Segments Left 1, Reserved
 * (32 bits), Home Address. A correspondent node or home agent sends to the care-of address and names the home
 * address here as the final destination, which the mobile node delivers to itself.
 */
public final class Type2RoutingHeader {

    private Type2RoutingHeader() {
    }

    /** Offsets from the header's first octet. */
    public static final int NEXT_HEADER = 0;
    public static final int HDR_EXT_LEN = 1;
    public static final int ROUTING_TYPE = 2;
    public static final int SEGMENTS_LEFT = 3;
    public static final int HOME_ADDRESS = 8;

    public static final int TYPE = 2;
    /** The only Hdr Ext Len and Segments Left a type 2 routing header may carry (§6.4). */
    public static final int EXTENSION_LENGTH = 2;
    public static final int SEGMENTS = 1;
    public static final int LENGTH = 24;

    /** Writes the header at {@code offset}; returns its length. */
    public static int write(byte[] b, int offset, int nextHeader, Ipv6Address homeAddress) {
        NetworkBytes.put8(b, offset + NEXT_HEADER, nextHeader);
        NetworkBytes.put8(b, offset + HDR_EXT_LEN, EXTENSION_LENGTH);
        NetworkBytes.put8(b, offset + ROUTING_TYPE, TYPE);
        NetworkBytes.put8(b, offset + SEGMENTS_LEFT, SEGMENTS);
        NetworkBytes.put32(b, offset + 4, 0);
        homeAddress.write(b, offset + HOME_ADDRESS);
        return LENGTH;
    }
}
