package mobility.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;

/** Collects fields, or a list of options, as the simple values of a {@link PacketDescriber} description. */
final class MapFields implements FieldSink {

    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<Map<String, Object>> options = new ArrayList<>();
    private Map<String, Object> current = fields;

    @Override
    public void number(FieldName name, int value) {
        current.put(name.text(), value);
    }

    @Override
    public void number(FieldName name, long value) {
        current.put(name.text(), value);
    }

    @Override
    public void text(FieldName name, String value) {
        current.put(name.text(), value);
    }

    @Override
    public void hex64(FieldName name, long value) {
        current.put(name.text(), PacketDescriber.zeroPadded(Long.toHexString(value), 16));
    }

    @Override
    public void hex96(FieldName name, long first64, int last32) {
        current.put(name.text(), PacketDescriber.zeroPadded(Long.toHexString(first64), 16)
                + PacketDescriber.zeroPadded(Integer.toHexString(last32), 8));
    }

    @Override
    public void address(FieldName name, Ipv6Address value) {
        current.put(name.text(), value.toString());
    }

    @Override
    public void addresses(FieldName name, List<Ipv6Address> values) {
        current.put(name.text(), values.stream().map(Object::toString).toList());
    }

    @Override
    public void prefix(FieldName name, Ipv6Address prefix, int length) {
        current.put(name.text(), prefix + "/" + length);
    }

    @Override
    public void option(String type) {
        current = new LinkedHashMap<>();
        current.put("type", type);
        options.add(current);
    }
}
