package mobility.netlink.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import mobility.api.net.Ipv6Address;

/**
 * Writes netlink messages into one direct buffer in host byte order: the header, the fixed family header, and
 * (nested) attributes, patching lengths when a message or nest ends. Reused for every message: nothing is
 * allocated per message.
 */
public final class MessageWriter {

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final ByteBuffer buffer;
    private int messageStart = -1;

    public MessageWriter(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.nativeOrder());
    }

    public static MessageWriter allocate(int capacity) {
        return new MessageWriter(ByteBuffer.allocateDirect(capacity));
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Bytes written so far (complete messages plus the one being written). */
    public int length() {
        return buffer.position();
    }

    public int remaining() {
        return buffer.capacity() - buffer.position();
    }

    public void clear() {
        buffer.clear();
        messageStart = -1;
    }

    /** Starts a message; its length is filled in by {@link #end()}. The port id is 0: the kernel is the peer. */
    public MessageWriter begin(int type, int flags, int sequence) {
        if (messageStart >= 0) {
            throw new IllegalStateException("the previous message was not ended");
        }
        messageStart = buffer.position();
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        return this;
    }

    /** Ends the message: writes its length and pads to 4 bytes. Returns the message's length. */
    public int end() {
        int length = buffer.position() - messageStart;
        buffer.putInt(messageStart, length);
        pad();
        messageStart = -1;
        return length;
    }

    public MessageWriter u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    public MessageWriter u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    public MessageWriter u32(int value) {
        buffer.putInt(value);
        return this;
    }

    public MessageWriter u64(long value) {
        buffer.putLong(value);
        return this;
    }

    public MessageWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            buffer.put((byte) 0);
        }
        return this;
    }

    /** An address as 16 bytes in network order. */
    public MessageWriter address(Ipv6Address address) {
        bigEndianLong(address.high());
        bigEndianLong(address.low());
        return this;
    }

    /** A 16-bit value in network byte order (ports, the XFRM selector's port fields). */
    public MessageWriter be16(int value) {
        buffer.putShort((short) (LITTLE_ENDIAN ? Short.reverseBytes((short) value) : value));
        return this;
    }

    public MessageWriter be32(int value) {
        buffer.putInt(LITTLE_ENDIAN ? Integer.reverseBytes(value) : value);
        return this;
    }

    private void bigEndianLong(long value) {
        buffer.putLong(LITTLE_ENDIAN ? Long.reverseBytes(value) : value);
    }

    /** A NUL-terminated string of at most {@code size - 1} ASCII characters, padded with zeros to {@code size}. */
    public MessageWriter fixedString(CharSequence text, int size) {
        int n = Math.min(text.length(), size - 1);
        for (int i = 0; i < n; i++) {
            buffer.put((byte) text.charAt(i));
        }
        return zeros(size - n);
    }

    public MessageWriter bytes(byte[] value) {
        buffer.put(value);
        return this;
    }

    /** Pads to the next 4-byte boundary with zeros. */
    public MessageWriter pad() {
        while ((buffer.position() & 3) != 0) {
            buffer.put((byte) 0);
        }
        return this;
    }

    public MessageWriter attributeU8(int type, int value) {
        attributeHeader(type, 1);
        buffer.put((byte) value);
        return pad();
    }

    public MessageWriter attributeU16(int type, int value) {
        attributeHeader(type, 2);
        buffer.putShort((short) value);
        return pad();
    }

    public MessageWriter attributeU32(int type, int value) {
        attributeHeader(type, 4);
        buffer.putInt(value);
        return this;
    }

    public MessageWriter attributeAddress(int type, Ipv6Address address) {
        attributeHeader(type, 16);
        return address(address);
    }

    /** A NUL-terminated string attribute (NLA_NUL_STRING / NLA_STRING both accept it). */
    public MessageWriter attributeString(int type, CharSequence text) {
        attributeHeader(type, text.length() + 1);
        for (int i = 0; i < text.length(); i++) {
            buffer.put((byte) text.charAt(i));
        }
        buffer.put((byte) 0);
        return pad();
    }

    public MessageWriter attributeBytes(int type, byte[] value) {
        attributeHeader(type, value.length);
        buffer.put(value);
        return pad();
    }

    /** Starts an attribute whose payload the caller writes next; returns the handle for {@link #endNest(int)}. */
    public int beginNest(int type) {
        int start = buffer.position();
        buffer.putShort((short) 0).putShort((short) type);
        return start;
    }

    /** Ends an attribute begun with {@link #beginNest(int)}: writes its length and pads. */
    public MessageWriter endNest(int start) {
        buffer.putShort(start, (short) (buffer.position() - start));
        return pad();
    }

    private void attributeHeader(int type, int payloadLength) {
        buffer.putShort((short) (Netlink.ATTRIBUTE_HEADER_LENGTH + payloadLength)).putShort((short) type);
    }
}
