package mobility.api.wire.icmp;

import java.util.Arrays;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Parameter Problem (RFC 4443 §3.4, ICMPv6 Type 4): Code, Pointer (32 bits: the offset of the erroneous octet in the
 * invoking packet), and as much of the invoking packet as fits in the minimum MTU. The answer RFC 6275 §9.2
 * prescribes for a Mobility Header with a bad Payload Proto or a Header Len too short for its type.
 */
public final class ParameterProblem implements Icmpv6Message {

    /** RFC 4443 §2.4 (c): the error message must not exceed the minimum IPv6 MTU of 1280 octets. */
    public static final int MAX_INVOKING_PACKET = 1280 - 40 - 8;

    private final int code;
    private final long pointer;
    private final byte[] invokingPacket;

    public ParameterProblem(int code, long pointer, byte[] invokingPacket) {
        if (code >>> 8 != 0 || pointer < 0 || pointer >>> 32 != 0) {
            throw new IllegalArgumentException("Parameter Problem code " + code + " pointer " + pointer);
        }
        this.code = code;
        this.pointer = pointer;
        this.invokingPacket = Arrays.copyOf(invokingPacket, Math.min(invokingPacket.length, MAX_INVOKING_PACKET));
    }

    /**
     * The answer to {@code problem}, found while decoding the packet of {@code length} octets at {@code offset}
     * (the problem's offset counts from the packet's first octet).
     */
    public static ParameterProblem answering(WireFormatException problem, byte[] packet, int offset, int length) {
        if (problem.answer() != WireFormatException.Answer.PARAMETER_PROBLEM) {
            throw new IllegalArgumentException("the RFC prescribes " + problem.answerText() + ", not a Parameter Problem");
        }
        return new ParameterProblem(problem.code(), problem.offset(),
                Arrays.copyOfRange(packet, offset, offset + length));
    }

    @Override
    public int icmpType() {
        return PARAMETER_PROBLEM;
    }

    @Override
    public int code() {
        return code;
    }

    public long pointer() {
        return pointer;
    }

    public byte[] invokingPacket() {
        return invokingPacket.clone();
    }

    @Override
    public int bodyLength() {
        return 4 + invokingPacket.length;
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put32(b, offset, pointer);
        System.arraycopy(invokingPacket, 0, b, offset + 4, invokingPacket.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterProblem p && p.code == code && p.pointer == pointer
                && Arrays.equals(p.invokingPacket, invokingPacket);
    }

    @Override
    public int hashCode() {
        return (code * 31 + Long.hashCode(pointer)) * 31 + Arrays.hashCode(invokingPacket);
    }

    @Override
    public String toString() {
        return "ParameterProblem[code=" + code + ", pointer=" + pointer + ", invoking " + invokingPacket.length
                + " octets]";
    }
}
