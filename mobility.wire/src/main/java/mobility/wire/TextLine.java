package mobility.wire;

import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.ipv6.Ipv6Packet;

/** The line a person reads, as {@link Render#text} writes it, rendered straight from a decoded packet. */
final class TextLine extends LineRenderer {

    private int options;
    /** The {@link FieldName} form of the next name, and of the names after it. */
    private int form;
    private int laterForm;

    private static final byte[] TUNNEL = OutputBuffer.literal("tunnel ");
    private static final byte[] INSIDE = OutputBuffer.literal("| ");
    private static final byte[] ARROW = OutputBuffer.literal(" -> ");
    private static final byte[] HOME_ADDRESS_OPTION = OutputBuffer.literal("hoa ");
    private static final byte[] ROUTING_HEADER = OutputBuffer.literal("rh2 ");
    private static final byte[] OPTIONS = OutputBuffer.literal(" options=[");
    private static final byte[] NEXT_OPTION = OutputBuffer.literal(", ");
    private static final byte[] CHECKSUM = OutputBuffer.literal(" checksum ");

    TextLine(OutputBuffer out) {
        super(out);
    }

    @Override
    void described(Map<String, Object> d) {
        out.text(Render.text(d));
        out.endLine();
    }

    @Override
    void begin(Frame frame, Ipv6Packet[] tunnels, int depth, Ipv6Packet p, PacketDescriber.Kind kind,
            String message) {
        out.decimal(frame.number()).ascii(' ');
        for (int i = 0; i < depth; i++) {
            out.write(TUNNEL);
            addresses(tunnels[i]);
            out.write(INSIDE);
        }
        addresses(p);
        out.constant(message);
    }

    /** "source -> destination " and the home addresses, each with its space after. */
    private void addresses(Ipv6Packet p) {
        out.address(p.source()).write(ARROW).address(p.destination()).ascii(' ');
        Ipv6Address home = p.homeAddressOptionOrNull();
        if (home != null) {
            out.write(HOME_ADDRESS_OPTION).address(home).ascii(' ');
        }
        Ipv6Address routed = p.routingHeaderHomeAddressOrNull();
        if (routed != null) {
            out.write(ROUTING_HEADER).address(routed).ascii(' ');
        }
    }

    @Override
    void beginFields() {
        options = 0;
        form = FieldName.FIRST;
        laterForm = FieldName.FIRST;
    }

    @Override
    void beginOptions() {
    }

    @Override
    void end(String checksum) {
        if (options > 0) {
            out.ascii(']');
        }
        out.write(CHECKSUM).constant(checksum);
    }

    @Override
    public void option(String type) {
        out.write(options++ == 0 ? OPTIONS : NEXT_OPTION).constant(type);
        form = FieldName.FIRST;
        laterForm = FieldName.LATER;
    }

    /** " name=" among the message's fields, " name=" or ",name=" among an option's. */
    private OutputBuffer name(FieldName name) {
        int f = form;
        form = laterForm;
        return out.write(name.textForms[f]);
    }

    @Override
    public void number(FieldName name, int value) {
        name(name).decimal(value);
    }

    @Override
    public void number(FieldName name, long value) {
        name(name).decimal(value);
    }

    @Override
    public void text(FieldName name, String value) {
        name(name).value(value);
    }

    @Override
    public void hex64(FieldName name, long value) {
        name(name).hex(value, 16);
    }

    @Override
    public void hex96(FieldName name, long first64, int last32) {
        name(name).hex(first64, 16).hex(last32, 8);
    }

    @Override
    public void address(FieldName name, Ipv6Address value) {
        name(name).address(value);
    }

    /** As a List of strings prints itself: "[a, b]". */
    @Override
    public void addresses(FieldName name, List<Ipv6Address> values) {
        name(name).ascii('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(NEXT_OPTION);
            }
            out.address(values.get(i));
        }
        out.ascii(']');
    }

    @Override
    public void prefix(FieldName name, Ipv6Address prefix, int length) {
        name(name).address(prefix).ascii('/').decimal(length);
    }
}
