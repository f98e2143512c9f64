package mobility.api.wire.icmp;

import static mobility.api.wire.NetworkBytes.u16;
import static mobility.api.wire.NetworkBytes.u32;
import static mobility.api.wire.NetworkBytes.u8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import mobility.api.wire.InternetChecksum;
import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Encodes and decodes ICMPv6 messages (RFC 4443) of the kinds in this package. ICMPv6 has no length field: a message
 * is all the octets of its packet after the headers before it.
 *
 * <p>Decoding validates what RFC 4861 §6.1 and §7.1.1 ask of Neighbor Discovery messages and RFC 6275 §10.5 and
 * §11.4 of the Mobile IPv6 ones: Code 0, the minimum length, no option of Length 0 or running past the end, the
 * fixed lengths of the options it knows, a unicast target. Every such problem is a silent discard. (The IP Hop Limit
 * of 255 that Neighbor Discovery requires is a packet property, checked by the packet decoder.)
 */
public final class Icmpv6Codec {

    private Icmpv6Codec() {
    }

    /** Decodes and validates the ICMPv6 message of {@code length} octets, verifying its checksum (RFC 4443 §2.3). */
    public static Icmpv6Message decode(byte[] b, int offset, int length, Ipv6Address source, Ipv6Address destination)
            throws WireFormatException {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length >= 4 && !checksumVerifies(b, offset, length, source, destination)) {
            throw WireFormatException.silentDiscard(Icmpv6Message.typeName(u8(b, offset)), "Checksum",
                    Icmpv6Message.CHECKSUM, "checksum 0x" + Integer.toHexString(u16(b, offset + 2))
                            + " does not verify over the pseudo-header " + source + " -> " + destination);
        }
        return decodeUnverified(b, offset, length);
    }

    /** Decodes and validates the ICMPv6 message of {@code length} octets without verifying its checksum. */
    public static Icmpv6Message decodeUnverified(byte[] b, int offset, int length) throws WireFormatException {
        Objects.checkFromIndexSize(offset, length, b.length);
        try {
            return decodeAt(b, offset, offset + length);
        } catch (WireFormatException e) {
            throw e.shifted(-offset);
        }
    }

    public static boolean checksumVerifies(byte[] b, int offset, int length, Ipv6Address source,
            Ipv6Address destination) {
        return InternetChecksum.verifies(source, destination, IpProtocol.ICMPV6, b, offset, length);
    }

    private static Icmpv6Message decodeAt(byte[] b, int at, int end) throws WireFormatException {
        if (end - at < 4) {
            throw WireFormatException.silentDiscard("ICMPv6", "Checksum", at + Math.max(0, end - at),
                    "only " + (end - at) + " octets, fewer than the 4 of the ICMPv6 header");
        }
        int type = u8(b, at);
        int code = u8(b, at + Icmpv6Message.CODE);
        String name = Icmpv6Message.typeName(type);
        int body = at + Icmpv6Message.BODY;
        switch (type) {
            case Icmpv6Message.PARAMETER_PROBLEM -> {
                minimum(name, at, end, 8);
                return new ParameterProblem(code, u32(b, body), Arrays.copyOfRange(b, body + 4, end));
            }
            case Icmpv6Message.ROUTER_SOLICITATION -> {
                codeZero(name, at, code);
                minimum(name, at, end, RouterSolicitation.MIN_LENGTH);
                return new RouterSolicitation(NdOptions.read(b, body + 4, end, name));
            }
            case Icmpv6Message.ROUTER_ADVERTISEMENT -> {
                codeZero(name, at, code);
                minimum(name, at, end, RouterAdvertisement.MIN_LENGTH);
                return new RouterAdvertisement(u8(b, body), u8(b, body + 1), u16(b, body + 2), u32(b, body + 4),
                        u32(b, body + 8), NdOptions.read(b, body + 12, end, name));
            }
            case Icmpv6Message.NEIGHBOR_SOLICITATION -> {
                codeZero(name, at, code);
                minimum(name, at, end, NeighborSolicitation.MIN_LENGTH);
                return new NeighborSolicitation(unicastTarget(b, body + 4, name), NdOptions.read(b, body + 20, end, name));
            }
            case Icmpv6Message.NEIGHBOR_ADVERTISEMENT -> {
                codeZero(name, at, code);
                minimum(name, at, end, NeighborAdvertisement.MIN_LENGTH);
                return new NeighborAdvertisement(u8(b, body) & NeighborAdvertisement.FLAG_MASK,
                        unicastTarget(b, body + 4, name), NdOptions.read(b, body + 20, end, name));
            }
            case Icmpv6Message.HOME_AGENT_ADDRESS_DISCOVERY_REQUEST -> {
                codeZero(name, at, code);
                minimum(name, at, end, HomeAgentAddressDiscoveryRequest.LENGTH);
                return new HomeAgentAddressDiscoveryRequest(u16(b, body));
            }
            case Icmpv6Message.HOME_AGENT_ADDRESS_DISCOVERY_REPLY -> {
                codeZero(name, at, code);
                minimum(name, at, end, HomeAgentAddressDiscoveryReply.MIN_LENGTH);
                return new HomeAgentAddressDiscoveryReply(u16(b, body), addresses(b, body + 4, end, name));
            }
            case Icmpv6Message.MOBILE_PREFIX_SOLICITATION -> {
                codeZero(name, at, code);
                minimum(name, at, end, MobilePrefixSolicitation.LENGTH);
                return new MobilePrefixSolicitation(u16(b, body));
            }
            case Icmpv6Message.MOBILE_PREFIX_ADVERTISEMENT -> {
                codeZero(name, at, code);
                minimum(name, at, end, MobilePrefixAdvertisement.MIN_LENGTH);
                return new MobilePrefixAdvertisement(u16(b, body), u8(b, body + 2) & MobilePrefixAdvertisement.FLAG_MASK,
                        NdOptions.read(b, body + 4, end, name));
            }
            default -> {
                return new OtherIcmpv6Message(type, code, Arrays.copyOfRange(b, body, end));
            }
        }
    }

    private static void codeZero(String name, int at, int code) throws WireFormatException {
        if (code != 0) {
            throw WireFormatException.silentDiscard(name, "Code", at + Icmpv6Message.CODE, "Code " + code + ", must be 0");
        }
    }

    private static void minimum(String name, int at, int end, int min) throws WireFormatException {
        if (end - at < min) {
            throw WireFormatException.silentDiscard(name, "length", end,
                    "only " + (end - at) + " octets, a " + name + " has at least " + min);
        }
    }

    /** RFC 4861 §7.1.1/§7.1.2: the Target Address is not a multicast address. */
    private static Ipv6Address unicastTarget(byte[] b, int at, String name) throws WireFormatException {
        Ipv6Address target = Ipv6Address.read(b, at);
        if (target.isMulticast()) {
            throw WireFormatException.silentDiscard(name, "Target Address", at, "multicast target " + target);
        }
        return target;
    }

    private static List<Ipv6Address> addresses(byte[] b, int at, int end, String name) throws WireFormatException {
        if ((end - at) % Ipv6Address.BYTES != 0) {
            throw WireFormatException.silentDiscard(name, "Home Agent Addresses", at,
                    (end - at) + " octets of addresses, not a multiple of 16");
        }
        List<Ipv6Address> out = new ArrayList<>();
        for (int i = at; i < end; i += Ipv6Address.BYTES) {
            out.add(Ipv6Address.read(b, i));
        }
        return out;
    }

    public static int encodedLength(Icmpv6Message message) {
        return Icmpv6Message.BODY + message.bodyLength();
    }

    /** Writes {@code message} at {@code offset} with its checksum over this pseudo-header; returns the length. */
    public static int encode(Icmpv6Message message, Ipv6Address source, Ipv6Address destination, byte[] b, int offset) {
        int length = encodedLength(message);
        Objects.checkFromIndexSize(offset, length, b.length);
        NetworkBytes.put8(b, offset + Icmpv6Message.TYPE, message.icmpType());
        NetworkBytes.put8(b, offset + Icmpv6Message.CODE, message.code());
        NetworkBytes.put16(b, offset + Icmpv6Message.CHECKSUM, 0);
        message.writeBody(b, offset + Icmpv6Message.BODY);
        fillChecksum(b, offset, length, source, destination);
        return length;
    }

    public static byte[] encode(Icmpv6Message message, Ipv6Address source, Ipv6Address destination) {
        byte[] out = new byte[encodedLength(message)];
        encode(message, source, destination, out, 0);
        return out;
    }

    public static void fillChecksum(byte[] b, int offset, int length, Ipv6Address source, Ipv6Address destination) {
        InternetChecksum.fill(source, destination, IpProtocol.ICMPV6, b, offset, length,
                offset + Icmpv6Message.CHECKSUM);
    }
}
