package mobility.api.wire.mh;

import org.osgi.annotation.versioning.ConsumerType;

import mobility.api.wire.WireFormatException;

/**
 * Encodes and decodes one mobility option type that the standard codec does not know, so that an extension adds an
 * option without touching the codec. Registered as a service, a whiteboard collects it into the
 * {@link MobilityOptionRegistry} the codec uses.
 *
 * <p>Offsets are indices into the array passed; the option's Type and Length octets are read and written by the
 * codec, which also places the option on its alignment (RFC 6275 §6.2) with Pad1/PadN and checks the alignment of
 * a received option before calling {@link #decode}.
 */
@ConsumerType
public interface MobilityOptionCodec {

    /** The Option Type this codec handles (7..255: 0..6 are the standard options). */
    int type();

    /** x of the option's alignment requirement xn+y (§6.2): 1, 2, 4 or 8; 1 for none. */
    int alignmentMultiple();

    /** y of the alignment requirement xn+y, less than {@link #alignmentMultiple()}. */
    int alignmentOffset();

    /**
     * The option whose data (after Type and Length) is the {@code length} octets at {@code offset} of {@code b}.
     *
     * @throws WireFormatException when the data is malformed, naming the field and its index in {@code b}
     */
    MobilityOption decode(byte[] b, int offset, int length) throws WireFormatException;

    /** Octets of {@code option}'s data, 0..255. */
    int dataLength(MobilityOption option);

    /** Writes {@code option}'s data (only the data) at {@code offset}. */
    void encode(MobilityOption option, byte[] b, int offset);
}
