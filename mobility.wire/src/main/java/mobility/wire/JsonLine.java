package mobility.wire;

import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.IpProtocol;
import mobility.api.wire.ipv6.Ipv6Packet;

/**
 * One JSON object per line, with the keys in the order {@link PacketDescriber} puts them and the values as
 * {@link Render#json} writes them, rendered straight from a decoded packet.
 */
final class JsonLine extends LineRenderer {

    private static final byte[] FRAME = OutputBuffer.literal("{\"frame\":");
    private static final byte[] TIME = OutputBuffer.literal(",\"time\":\"");
    private static final byte[] LENGTH = OutputBuffer.literal("\",\"length\":");
    private static final byte[] TUNNEL = OutputBuffer.literal(",\"tunnel\":{\"source\":\"");
    private static final byte[] SOURCE = OutputBuffer.literal(",\"source\":\"");
    private static final byte[] DESTINATION = OutputBuffer.literal("\",\"destination\":\"");
    private static final byte[] HOME_ADDRESS_OPTION = OutputBuffer.literal(",\"homeAddressOption\":\"");
    private static final byte[] ROUTING_HEADER_HOME_ADDRESS = OutputBuffer.literal(",\"routingHeaderHomeAddress\":\"");
    private static final byte[] PROTOCOL = OutputBuffer.literal(",\"protocol\":");
    private static final byte[] KIND = OutputBuffer.literal(",\"kind\":");
    private static final byte[] MESSAGE = OutputBuffer.literal(",\"message\":");
    private static final byte[] FIELDS = OutputBuffer.literal(",\"fields\":{");
    private static final byte[] OPTIONS = OutputBuffer.literal("},\"options\":[");
    private static final byte[] CHECKSUM = OutputBuffer.literal("],\"checksum\":");
    private static final byte[] FIRST_OPTION = OutputBuffer.literal("{\"type\":");
    private static final byte[] NEXT_OPTION = OutputBuffer.literal("},{\"type\":");

    private int options;
    /** The {@link FieldName} form of the next name: the first of its object takes no comma. */
    private int form;

    JsonLine(OutputBuffer out) {
        super(out);
    }

    @Override
    void described(Map<String, Object> d) {
        out.text(Render.json(d));
        out.endLine();
    }

    @Override
    void begin(Frame frame, Ipv6Packet[] tunnels, int depth, Ipv6Packet p, PacketDescriber.Kind kind,
            String message) {
        out.write(FRAME).decimal(frame.number());
        out.write(TIME).decimal(frame.seconds()).ascii('.').decimal(frame.nanoseconds(), 9);
        out.write(LENGTH).decimal(frame.originalLength());
        if (depth > 0) {
            // Each tunnel an object holding the next one inward (RFC 2473): "tunnel":{...,"tunnel":{...}}.
            for (int i = 0; i < depth; i++) {
                out.write(TUNNEL).address(tunnels[i].source());
                addresses(tunnels[i]);
            }
            for (int i = 0; i < depth; i++) {
                out.ascii('}');
            }
        }
        out.write(SOURCE).address(p.source());
        addresses(p);
        out.write(PROTOCOL).jsonConstant(IpProtocol.name(p.upperLayerProtocol()));
        out.write(KIND).jsonConstant(kind.toString());
        out.write(MESSAGE).jsonConstant(message);
    }

    /** After the source: the destination and the home addresses. */
    private void addresses(Ipv6Packet p) {
        out.write(DESTINATION).address(p.destination()).ascii('"');
        Ipv6Address home = p.homeAddressOptionOrNull();
        if (home != null) {
            out.write(HOME_ADDRESS_OPTION).address(home).ascii('"');
        }
        Ipv6Address routed = p.routingHeaderHomeAddressOrNull();
        if (routed != null) {
            out.write(ROUTING_HEADER_HOME_ADDRESS).address(routed).ascii('"');
        }
    }

    @Override
    void beginFields() {
        out.write(FIELDS);
        form = FieldName.FIRST;
    }

    @Override
    void beginOptions() {
        out.write(OPTIONS);
        options = 0;
    }

    @Override
    void end(String checksum) {
        if (options > 0) {
            out.ascii('}');
        }
        out.write(CHECKSUM).jsonConstant(checksum).ascii('}');
    }

    @Override
    public void option(String type) {
        out.write(options++ == 0 ? FIRST_OPTION : NEXT_OPTION).jsonConstant(type);
        form = FieldName.LATER;
    }

    private OutputBuffer name(FieldName name) {
        int f = form;
        form = FieldName.LATER;
        return out.write(name.jsonForms[f]);
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
        name(name).jsonValue(value);
    }

    @Override
    public void hex64(FieldName name, long value) {
        name(name).ascii('"').hex(value, 16).ascii('"');
    }

    @Override
    public void hex96(FieldName name, long first64, int last32) {
        name(name).ascii('"').hex(first64, 16).hex(last32, 8).ascii('"');
    }

    @Override
    public void address(FieldName name, Ipv6Address value) {
        name(name).ascii('"').address(value).ascii('"');
    }

    @Override
    public void addresses(FieldName name, List<Ipv6Address> values) {
        name(name).ascii('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.ascii(',');
            }
            out.ascii('"').address(values.get(i)).ascii('"');
        }
        out.ascii(']');
    }

    @Override
    public void prefix(FieldName name, Ipv6Address prefix, int length) {
        name(name).ascii('"').address(prefix).ascii('/').decimal(length).ascii('"');
    }
}
