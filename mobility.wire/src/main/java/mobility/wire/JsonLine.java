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

    private final ConstantCache firstNames = new ConstantCache("", true, ":");
    private final ConstantCache laterNames = new ConstantCache(",", true, ":");
    private int options;
    /** Whether the next name is the first of its object, and takes no comma. */
    private boolean first;

    JsonLine(OutputBuffer out) {
        super(out);
    }

    @Override
    void described(Map<String, Object> d) {
        out.text(Render.json(d));
        out.endLine();
    }

    @Override
    void begin(Frame frame, Ipv6Packet p, PacketDescriber.Kind kind, String message) {
        out.constant("{\"frame\":").decimal(frame.number());
        out.constant(",\"time\":\"").decimal(frame.seconds()).ascii('.').decimal(frame.nanoseconds(), 9);
        out.constant("\",\"length\":").decimal(frame.originalLength());
        out.constant(",\"source\":\"").address(p.source());
        out.constant("\",\"destination\":\"").address(p.destination()).ascii('"');
        Ipv6Address home = p.homeAddressOption().orElse(null);
        if (home != null) {
            out.constant(",\"homeAddressOption\":\"").address(home).ascii('"');
        }
        Ipv6Address routed = p.routingHeaderHomeAddress().orElse(null);
        if (routed != null) {
            out.constant(",\"routingHeaderHomeAddress\":\"").address(routed).ascii('"');
        }
        out.constant(",\"protocol\":").jsonConstant(IpProtocol.name(p.upperLayerProtocol()));
        out.constant(",\"kind\":").jsonConstant(kind.toString());
        out.constant(",\"message\":").jsonConstant(message);
    }

    @Override
    void beginFields() {
        out.constant(",\"fields\":{");
        first = true;
    }

    @Override
    void beginOptions() {
        out.constant("},\"options\":[");
        options = 0;
    }

    @Override
    void end(String checksum) {
        if (options > 0) {
            out.ascii('}');
        }
        out.constant("],\"checksum\":").jsonConstant(checksum).ascii('}');
    }

    @Override
    public void option(String type) {
        out.constant(options++ == 0 ? "{\"type\":" : "},{\"type\":").jsonConstant(type);
        first = false;
    }

    private OutputBuffer name(String name) {
        ConstantCache names = first ? firstNames : laterNames;
        first = false;
        return out.cached(names, name);
    }

    @Override
    public void number(String name, int value) {
        name(name).decimal(value);
    }

    @Override
    public void number(String name, long value) {
        name(name).decimal(value);
    }

    @Override
    public void text(String name, String value) {
        name(name).jsonValue(value);
    }

    @Override
    public void hex64(String name, long value) {
        name(name).ascii('"').hex(value, 16).ascii('"');
    }

    @Override
    public void hex96(String name, long first64, int last32) {
        name(name).ascii('"').hex(first64, 16).hex(last32, 8).ascii('"');
    }

    @Override
    public void address(String name, Ipv6Address value) {
        name(name).ascii('"').address(value).ascii('"');
    }

    @Override
    public void addresses(String name, List<Ipv6Address> values) {
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
    public void prefix(String name, Ipv6Address prefix, int length) {
        name(name).ascii('"').address(prefix).ascii('/').decimal(length).ascii('"');
    }
}
