package mobility.mn;

import org.osgi.service.log.Logger;

import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingService;
import mobility.api.stats.Counters;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;

/**
 * The {@link SignallingSender} of the running mobile node: encodes the message and hands it to the
 * {@link SignallingService}, which adds the Home Address option and computes the Mobility Header checksum
 * (RFC 6275 §6.1.1, §9.3.1).
 */
final class SignallingServiceSender implements SignallingSender {

    private final SignallingService signalling;
    private final MobilityHeaderCodec codec;
    private final Counters stats;
    private final Logger log;

    SignallingServiceSender(SignallingService signalling, MobilityHeaderCodec codec, Counters stats, Logger log) {
        this.signalling = signalling;
        this.codec = codec;
        this.stats = stats;
        this.log = log;
    }

    @Override
    public void icmp(Icmpv6Message message, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, int hopLimit, String counter) {
        byte[] m = Icmpv6Codec.encode(message, homeAddress != null ? homeAddress : source, destination);
        try {
            signalling.send(new SignallingPacket(SignallingPacket.ICMPV6, ifindex, source, destination, homeAddress,
                    null, hopLimit, m));
            stats.count(counter);
        } catch (SignallingException e) {
            stats.count("icmp.send_error");
            log.debug("ICMPv6 to {} not sent: {}", destination, e.getMessage());
        }
    }

    @Override
    public void mobility(MobilityMessage message, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind) {
        byte[] m = new byte[codec.encodedLength(message)];
        codec.encodeUnchecksummed(message, m, 0);
        encoded(m, message.name(), ifindex, source, destination, homeAddress, kind);
    }

    @Override
    public void encoded(byte[] m, String name, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind) {
        try {
            signalling.send(new SignallingPacket(SignallingPacket.MOBILITY_HEADER, ifindex, source, destination,
                    homeAddress, null, 64, m));
            stats.count(kind + ".sent");
        } catch (SignallingException e) {
            stats.count(kind + ".send_error");
            log.warn("{} to {} not sent: {}", name, destination, e.getMessage());
        }
    }
}
