package mobility.api.wire.icmp;

import java.util.Arrays;

import mobility.api.wire.NetworkBytes;

/** An ICMPv6 message of a type this codec does not interpret (echo, MLD, ...), kept whole. */
public final class OtherIcmpv6Message implements Icmpv6Message {

    private final int type;
    private final int code;
    private final byte[] body;

    public OtherIcmpv6Message(int type, int code, byte[] body) {
        if (type >>> 8 != 0 || code >>> 8 != 0) {
            throw new IllegalArgumentException("ICMPv6 type " + type + " code " + code);
        }
        this.type = type;
        this.code = code;
        this.body = body.clone();
    }

    @Override
    public int icmpType() {
        return type;
    }

    @Override
    public int code() {
        return code;
    }

    public byte[] body() {
        return body.clone();
    }

    @Override
    public int bodyLength() {
        return body.length;
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        System.arraycopy(body, 0, b, offset, body.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherIcmpv6Message m && m.type == type && m.code == code && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return (type * 31 + code) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OtherIcmpv6Message[type=" + type + ", code=" + code + ", body=" + NetworkBytes.hex(body, 0, body.length)
                + "]";
    }
}
