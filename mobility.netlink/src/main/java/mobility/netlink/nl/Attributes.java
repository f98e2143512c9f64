package mobility.netlink.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import mobility.api.net.Ipv6Address;

/**
 * A cursor over the attributes in a region of a receive buffer. Reusable: {@link #reset(ByteBuffer, int, int)} points
 * it at a new region, {@link #next()} steps to each attribute, and the accessors read the current one in place.
 */
public final class Attributes {

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ByteBuffer buffer;
    private int next;
    private int end;
    private int type;
    private int valueOffset;
    private int valueLength;

    public Attributes reset(ByteBuffer source, int from, int to) {
        buffer = source;
        next = from;
        end = to;
        return this;
    }

    /** Steps to the next attribute; false at the end of the region or at a malformed attribute. */
    public boolean next() {
        if (next + Netlink.ATTRIBUTE_HEADER_LENGTH > end) {
            return false;
        }
        int length = buffer.getShort(next) & 0xffff;
        if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || next + length > end) {
            return false;
        }
        type = buffer.getShort(next + 2) & Netlink.NLA_TYPE_MASK;
        valueOffset = next + Netlink.ATTRIBUTE_HEADER_LENGTH;
        valueLength = length - Netlink.ATTRIBUTE_HEADER_LENGTH;
        next += Netlink.align(length);
        return true;
    }

    public int type() {
        return type;
    }

    public int valueOffset() {
        return valueOffset;
    }

    public int valueLength() {
        return valueLength;
    }

    public int valueEnd() {
        return valueOffset + valueLength;
    }

    public int u8() {
        return buffer.get(valueOffset) & 0xff;
    }

    public int u16() {
        return buffer.getShort(valueOffset) & 0xffff;
    }

    public int u32() {
        return buffer.getInt(valueOffset);
    }

    public Ipv6Address address() {
        return address(buffer, valueOffset);
    }

    /** A NUL-terminated string value (the NUL and anything after it dropped). */
    public String string() {
        return string(buffer, valueOffset, valueLength);
    }

    /** Reads 16 bytes at {@code offset} as an address in network order. */
    public static Ipv6Address address(ByteBuffer buffer, int offset) {
        long high = buffer.getLong(offset);
        long low = buffer.getLong(offset + 8);
        return LITTLE_ENDIAN ? new Ipv6Address(Long.reverseBytes(high), Long.reverseBytes(low))
                : new Ipv6Address(high, low);
    }

    public static int be16(ByteBuffer buffer, int offset) {
        short v = buffer.getShort(offset);
        return (LITTLE_ENDIAN ? Short.reverseBytes(v) : v) & 0xffff;
    }

    public static long be32(ByteBuffer buffer, int offset) {
        int v = buffer.getInt(offset);
        return (LITTLE_ENDIAN ? Integer.reverseBytes(v) : v) & 0xffff_ffffL;
    }

    public static String string(ByteBuffer buffer, int offset, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(maxLength, 32));
        for (int i = 0; i < maxLength; i++) {
            byte b = buffer.get(offset + i);
            if (b == 0) {
                break;
            }
            out.append((char) (b & 0xff));
        }
        return out.toString();
    }

    /** Colon-separated lower-case hex, as iproute2 prints link-layer addresses. */
    public String hex() {
        StringBuilder out = new StringBuilder(valueLength * 3);
        for (int i = 0; i < valueLength; i++) {
            if (i > 0) {
                out.append(':');
            }
            int b = buffer.get(valueOffset + i) & 0xff;
            out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        return out.toString();
    }
}
