package mobility.api.wire.ipv6;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The Mobile IPv6 codec as a service: decodes and builds whole packets and Mobility Headers with every mobility
 * option type registered in the container (the standard ones and each extension's
 * {@link mobility.api.wire.mh.MobilityOptionCodec}). Roles get this service instead of making their own codec, so
 * that an extension option is understood everywhere at once.
 */
@ProviderType
public interface WireCodec {

    /**
     * Decodes and validates an IPv6 packet as a receiver must: a bad upper-layer checksum is a
     * {@link WireFormatException} with the answer silent discard. Offsets in an exception count from the packet's
     * first octet, so they are the Pointer of a Parameter Problem.
     */
    Ipv6Packet decode(byte[] packet, int offset, int length) throws WireFormatException;

    /**
     * Decodes and validates like {@link #decode} but reports the checksum verdict in the result instead of
     * discarding, for tools that show what was on the wire.
     */
    Ipv6Packet inspect(byte[] packet, int offset, int length) throws WireFormatException;

    /** The Mobility Header codec with the same option registry, for a Mobility Header outside a packet. */
    MobilityHeaderCodec mobilityHeaderCodec();

    /** A builder for a packet carrying this Mobility Header message. */
    Ipv6PacketBuilder packet(MobilityMessage message);

    /** A builder for a packet carrying this ICMPv6 message. */
    Ipv6PacketBuilder packet(Icmpv6Message message);
}
