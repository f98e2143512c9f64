package mobility.api.wire.mh;

import static mobility.api.wire.NetworkBytes.u8;

import java.util.Objects;

import mobility.api.wire.InternetChecksum;
import mobility.api.wire.IpProtocol;
import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * Encodes and decodes Mobility Headers (RFC 6275 §6.1). Thread-safe and immutable; one instance per option
 * registry.
 *
 * <p>Decoding validates as §9.2 prescribes and reports every problem as a {@link WireFormatException} whose offset
 * counts from the first octet of the Mobility Header: a truncated header or option, a bad checksum, a misaligned
 * or wrongly sized option are discarded silently; a Payload Proto other than 59 or a Header Len too short for the
 * MH Type call for an ICMPv6 Parameter Problem pointing at that field; an unknown MH Type calls for a Binding Error
 * with status 2. The checksum is verified first, so that a packet damaged in transit earns silence rather than an
 * answer (§9.2 lists the checks, the order among them is this codec's).
 */
public final class MobilityHeaderCodec {

    private static final MobilityHeaderCodec STANDARD = new MobilityHeaderCodec(MobilityOptionRegistry.standard());

    private final MobilityOptionRegistry registry;

    public MobilityHeaderCodec(MobilityOptionRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A codec that knows the options of RFC 6275 and RFC 3963 and no extension. */
    public static MobilityHeaderCodec standard() {
        return STANDARD;
    }

    public MobilityOptionRegistry registry() {
        return registry;
    }

    /**
     * Decodes and validates the Mobility Header in the {@code length} octets at {@code offset} and verifies its
     * checksum with this pseudo-header: the packet's Source Address, or the home address of a Home Address option;
     * the packet's Destination Address, or the home address of a type 2 routing header (§6.1.1, §6.3, §6.4).
     * Octets after the length given by Header Len are not part of the Mobility Header and are ignored.
     */
    public MobilityMessage decode(byte[] b, int offset, int length, Ipv6Address source, Ipv6Address destination)
            throws WireFormatException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        return decode(b, offset, length, source, destination, true);
    }

    /** Decodes and validates like the other {@code decode}, but without the addresses to verify the checksum. */
    public MobilityMessage decodeUnverified(byte[] b, int offset, int length) throws WireFormatException {
        return decode(b, offset, length, null, null, false);
    }

    private MobilityMessage decode(byte[] b, int offset, int length, Ipv6Address source, Ipv6Address destination,
            boolean verify) throws WireFormatException {
        Objects.checkFromIndexSize(offset, length, b.length);
        try {
            return decodeAt(b, offset, length, source, destination, verify);
        } catch (WireFormatException e) {
            throw e.shifted(-offset);
        }
    }

    private MobilityMessage decodeAt(byte[] b, int mh, int length, Ipv6Address source, Ipv6Address destination,
            boolean verify) throws WireFormatException {
        if (length < MobilityHeader.MIN_LENGTH) {
            throw WireFormatException.silentDiscard("Mobility Header", "Header Len", mh + Math.min(length, 1),
                    "only " + length + " octets, fewer than the " + MobilityHeader.MIN_LENGTH
                            + " of the shortest Mobility Header");
        }
        int headerLen = u8(b, mh + MobilityHeader.HEADER_LEN);
        int type = u8(b, mh + MobilityHeader.MH_TYPE);
        String name = MobilityHeader.typeName(type);
        int total = MobilityHeader.length(headerLen);
        if (total > length) {
            throw WireFormatException.silentDiscard(name, "Header Len", mh + MobilityHeader.HEADER_LEN, "Header Len "
                    + headerLen + " gives " + total + " octets, only " + length + " are present (truncated)");
        }
        if (verify && !InternetChecksum.verifies(source, destination, IpProtocol.MOBILITY_HEADER, b, mh, total)) {
            throw WireFormatException.silentDiscard(name, "Checksum", mh + MobilityHeader.CHECKSUM,
                    "checksum 0x" + Integer.toHexString(NetworkBytes.u16(b, mh + MobilityHeader.CHECKSUM))
                            + " does not verify over the pseudo-header " + source + " -> " + destination);
        }
        int payloadProto = u8(b, mh + MobilityHeader.PAYLOAD_PROTO);
        if (payloadProto != IpProtocol.NO_NEXT_HEADER) {
            throw WireFormatException.parameterProblem(name, "Payload Proto", mh + MobilityHeader.PAYLOAD_PROTO,
                    WireFormatException.ERRONEOUS_HEADER_FIELD,
                    "Payload Proto " + payloadProto + ", must be 59 (IPPROTO_NONE) (§9.2)");
        }
        int fixed = fixedLength(type);
        if (fixed < 0) {
            throw WireFormatException.bindingError(name, "MH Type", mh + MobilityHeader.MH_TYPE,
                    WireFormatException.UNRECOGNIZED_MH_TYPE, "unrecognized MH Type " + type + " (§9.2)");
        }
        if (total < fixed) {
            throw WireFormatException.parameterProblem(name, "Header Len", mh + MobilityHeader.HEADER_LEN,
                    WireFormatException.ERRONEOUS_HEADER_FIELD, "Header Len " + headerLen + " is too short for a "
                            + name + ", which needs at least " + minimumHeaderLen(fixed) + " (§9.2)");
        }
        int end = mh + total;
        return switch (type) {
            case MobilityHeader.BINDING_REFRESH_REQUEST -> new BindingRefreshRequest(b, mh, end, registry);
            case MobilityHeader.HOME_TEST_INIT -> new HomeTestInit(b, mh, end, registry);
            case MobilityHeader.CARE_OF_TEST_INIT -> new CareOfTestInit(b, mh, end, registry);
            case MobilityHeader.HOME_TEST -> new HomeTest(b, mh, end, registry);
            case MobilityHeader.CARE_OF_TEST -> new CareOfTest(b, mh, end, registry);
            case MobilityHeader.BINDING_UPDATE -> new BindingUpdate(b, mh, end, registry);
            case MobilityHeader.BINDING_ACKNOWLEDGEMENT -> new BindingAcknowledgement(b, mh, end, registry);
            default -> new BindingError(b, mh, end, registry);
        };
    }

    /** Octets of a message type's common part and fixed fields; -1 for an unknown MH Type. */
    static int fixedLength(int mhType) {
        return switch (mhType) {
            case MobilityHeader.BINDING_REFRESH_REQUEST -> BindingRefreshRequest.FIXED_LENGTH;
            case MobilityHeader.HOME_TEST_INIT -> HomeTestInit.FIXED_LENGTH;
            case MobilityHeader.CARE_OF_TEST_INIT -> CareOfTestInit.FIXED_LENGTH;
            case MobilityHeader.HOME_TEST -> HomeTest.FIXED_LENGTH;
            case MobilityHeader.CARE_OF_TEST -> CareOfTest.FIXED_LENGTH;
            case MobilityHeader.BINDING_UPDATE -> BindingUpdate.FIXED_LENGTH;
            case MobilityHeader.BINDING_ACKNOWLEDGEMENT -> BindingAcknowledgement.FIXED_LENGTH;
            case MobilityHeader.BINDING_ERROR -> BindingError.FIXED_LENGTH;
            default -> -1;
        };
    }

    /** The smallest Header Len for a type whose fixed part has {@code fixed} octets (§6.1). */
    public static int minimumHeaderLen(int fixed) {
        return (fixed + MobilityHeader.LENGTH_UNIT - 1) / MobilityHeader.LENGTH_UNIT - 1;
    }

    /** Whether the checksum of the Mobility Header of {@code length} octets verifies with this pseudo-header. */
    public static boolean checksumVerifies(byte[] b, int offset, int length, Ipv6Address source,
            Ipv6Address destination) {
        return InternetChecksum.verifies(source, destination, IpProtocol.MOBILITY_HEADER, b, offset, length);
    }

    /** Octets {@code message} takes when encoded. */
    public int encodedLength(MobilityMessage message) {
        return message.encodedLength(registry);
    }

    /**
     * Writes {@code message} at {@code offset} with the Checksum field zero, for a caller that fills it later (for
     * example after computing the Binding Authorization Data, §5.2.6). Returns the octets written.
     */
    public int encodeUnchecksummed(MobilityMessage message, byte[] b, int offset) {
        int length = message.encodedLength(registry);
        Objects.checkFromIndexSize(offset, length, b.length);
        NetworkBytes.put8(b, offset + MobilityHeader.PAYLOAD_PROTO, IpProtocol.NO_NEXT_HEADER);
        NetworkBytes.put8(b, offset + MobilityHeader.HEADER_LEN, length / MobilityHeader.LENGTH_UNIT - 1);
        NetworkBytes.put8(b, offset + MobilityHeader.MH_TYPE, message.mhType());
        b[offset + MobilityHeader.RESERVED] = 0;
        NetworkBytes.put16(b, offset + MobilityHeader.CHECKSUM, 0);
        message.writeFields(b, offset);
        message.writeOptions(b, offset, registry);
        return length;
    }

    /** Writes {@code message} at {@code offset} with its checksum over this pseudo-header; returns the length. */
    public int encode(MobilityMessage message, Ipv6Address source, Ipv6Address destination, byte[] b, int offset) {
        int length = encodeUnchecksummed(message, b, offset);
        fillChecksum(b, offset, length, source, destination);
        return length;
    }

    /** {@code message} encoded, with its checksum over this pseudo-header. */
    public byte[] encode(MobilityMessage message, Ipv6Address source, Ipv6Address destination) {
        byte[] out = new byte[encodedLength(message)];
        encode(message, source, destination, out, 0);
        return out;
    }

    /** Computes the checksum of the Mobility Header of {@code length} octets at {@code offset} and writes it. */
    public static void fillChecksum(byte[] b, int offset, int length, Ipv6Address source, Ipv6Address destination) {
        InternetChecksum.fill(source, destination, IpProtocol.MOBILITY_HEADER, b, offset, length,
                offset + MobilityHeader.CHECKSUM);
    }
}
