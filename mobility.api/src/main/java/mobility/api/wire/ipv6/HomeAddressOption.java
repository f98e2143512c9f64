package mobility.api.wire.ipv6;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;

/**
 * The Home Address destination option (RFC 6275 §6.3): Option Type 201, Option Length 16, the mobile node's home
 * address, aligned at 8n+6. A mobile node away from home sends from its care-of address and names its home address
 * here; the receiver uses the home address in place of the Source Address, also in upper-layer checksums.
 */
public final class HomeAddressOption {

    private HomeAddressOption() {
    }

    /** Option Type 201: the two high bits 11 make a node that does not know it answer with Parameter Problem code 2. */
    public static final int OPTION_TYPE = 201;
    public static final int OPTION_LENGTH = 16;
    public static final int ALIGNMENT_MULTIPLE = 8;
    public static final int ALIGNMENT_OFFSET = 6;

    /** A Destination Options header holding only this option: Next Header, Hdr Ext Len 2, PadN(2), the option. */
    public static final int HEADER_LENGTH = 24;

    /** Pad1 and PadN destination options (RFC 8200 §4.2). */
    static final int PAD1 = 0;
    static final int PADN = 1;

    /** Writes a Destination Options header carrying the option at {@code offset}; returns its length. */
    public static int write(byte[] b, int offset, int nextHeader, Ipv6Address homeAddress) {
        NetworkBytes.put8(b, offset, nextHeader);
        NetworkBytes.put8(b, offset + 1, HEADER_LENGTH / 8 - 1);
        NetworkBytes.put8(b, offset + 2, PADN);
        NetworkBytes.put8(b, offset + 3, 2);
        NetworkBytes.put16(b, offset + 4, 0);
        NetworkBytes.put8(b, offset + ALIGNMENT_OFFSET, OPTION_TYPE);
        NetworkBytes.put8(b, offset + ALIGNMENT_OFFSET + 1, OPTION_LENGTH);
        homeAddress.write(b, offset + ALIGNMENT_OFFSET + 2);
        return HEADER_LENGTH;
    }
}
