package mobility.wire;

import java.util.Map;

import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.mh.MobilityMessage;

/**
 * Renders the pcap decoder's lines into an {@link OutputBuffer}. A frame that decoded to a Mobility Header or ICMPv6
 * message, the bulk of a capture, is written straight from the decoded packet; any other frame (malformed, cut short,
 * a fragment, not IPv6) from its {@link PacketDescriber} description through {@link Render}, which stays the one
 * definition of those rarer lines. Both give the same line for the same frame.
 */
abstract class LineRenderer implements FieldSink {

    protected final OutputBuffer out;
    private final MobilityOptionFields mobilityOptions = new MobilityOptionFields(this);

    LineRenderer(OutputBuffer out) {
        this.out = out;
    }

    static LineRenderer of(OutputBuffer out, boolean json) {
        return json ? new JsonLine(out) : new TextLine(out);
    }

    /**
     * A frame that is neither truncated nor malformed, whose packet ends with one of these messages: {@code p}, or
     * the inner packet of the {@code depth} IPv6-in-IPv6 packets {@code tunnels[0 .. depth)}, outermost first.
     */
    final void decoded(Frame frame, Ipv6Packet[] tunnels, int depth, Ipv6Packet p, MobilityMessage mh,
            Icmpv6Message icmp, PacketDescriber.Kind kind) {
        begin(frame, tunnels, depth, p, kind, mh != null ? mh.name() : icmp.name());
        beginFields();
        if (mh != null) {
            MessageFields.fields(mh, this);
        } else {
            MessageFields.fields(icmp, this);
        }
        beginOptions();
        if (mh != null) {
            mh.forEachOption(mobilityOptions);
        } else {
            MessageFields.options(icmp, this);
        }
        end(p.checksum() == Ipv6Packet.Checksum.VALID ? "ok" : "bad");
        out.endLine();
    }

    /** Any frame, from its description. */
    abstract void described(Map<String, Object> d);

    /** Up to the message name: the frame, the tunnels' addresses outermost first, the packet's addresses. */
    abstract void begin(Frame frame, Ipv6Packet[] tunnels, int depth, Ipv6Packet p, PacketDescriber.Kind kind,
            String message);

    abstract void beginFields();

    abstract void beginOptions();

    /** After the options: the checksum verdict. */
    abstract void end(String checksum);
}
