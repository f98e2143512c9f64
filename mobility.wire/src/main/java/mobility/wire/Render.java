package mobility.wire;

import java.util.List;
import java.util.Map;

/** Renders a description of {@link PacketDescriber} as one line of text or one line of JSON. */
final class Render {

    private Render() {
    }

    /**
     * One line a person reads: frame, addresses with the home address, message, key fields, options, checksum; or
     * the error. E.g. {@code 7 2001:db8:2::5 -> 2001:db8::fe hoa 2001:db8::1 Binding Update sequenceNumber=5 ...}; a
     * packet that came through IPv6-in-IPv6 tunnels has their addresses first, each "tunnel a -> b | ".
     */
    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> d) {
        StringBuilder out = new StringBuilder(160);
        Object frame = d.get("frame");
        if (frame != null) {
            out.append(frame).append(' ');
        }
        // The tunnels a packet came through (RFC 2473), outermost first: "tunnel a -> b | c -> d Home Test ...".
        for (Map<String, Object> t = (Map<String, Object>) d.get("tunnel"); t != null;
                t = (Map<String, Object>) t.get("tunnel")) {
            addresses(out.append("tunnel "), t).append("| ");
        }
        addresses(out, d);
        Object message = d.get("message");
        Object what = message != null ? message : d.get("protocol");
        if (what != null) {
            out.append(what);
        } else if (d.containsKey("nextHeader")) {
            out.append("next header ").append(d.get("nextHeader"));
        } else if (!d.containsKey("error")) {
            out.append(d.get("kind"));
        }
        Map<String, Object> fields = (Map<String, Object>) d.get("fields");
        if (fields != null) {
            fields.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        }
        List<Map<String, Object>> options = (List<Map<String, Object>>) d.get("options");
        if (options != null && !options.isEmpty()) {
            out.append(" options=[");
            for (int i = 0; i < options.size(); i++) {
                Map<String, Object> o = options.get(i);
                out.append(i == 0 ? "" : ", ").append(o.get("type"));
                boolean first = true;
                for (Map.Entry<String, Object> e : o.entrySet()) {
                    if (!e.getKey().equals("type")) {
                        out.append(first ? " " : ",").append(e.getKey()).append('=').append(e.getValue());
                        first = false;
                    }
                }
            }
            out.append(']');
        }
        if (d.containsKey("checksum")) {
            out.append(" checksum ").append(d.get("checksum"));
        }
        Map<String, Object> error = (Map<String, Object>) d.get("error");
        if (error != null) {
            out.append(out.charAt(out.length() - 1) == ' ' ? "MALFORMED" : " MALFORMED");
            if (error.containsKey("field")) {
                out.append(' ').append(error.get("message")).append(": ").append(error.get("field"))
                        .append(" at offset ").append(error.get("offset"));
            }
            out.append(": ").append(error.get("problem"));
            if (error.containsKey("answer")) {
                out.append(" (").append(error.get("answer")).append(')');
            }
        }
        if (d.containsKey("captured")) {
            out.append(" [truncated capture: ").append(d.get("captured")).append(" of ").append(d.get("length"))
                    .append(" octets]");
        }
        if (d.containsKey("note")) {
            out.append(" [").append(d.get("note")).append(']');
        }
        return out.toString();
    }

    /** "source -> destination hoa ... rh2 ... ", those of them there are, each with its space after. */
    private static StringBuilder addresses(StringBuilder out, Map<String, Object> d) {
        if (d.containsKey("source")) {
            out.append(d.get("source")).append(" -> ").append(d.get("destination")).append(' ');
        }
        if (d.containsKey("homeAddressOption")) {
            out.append("hoa ").append(d.get("homeAddressOption")).append(' ');
        }
        if (d.containsKey("routingHeaderHomeAddress")) {
            out.append("rh2 ").append(d.get("routingHeaderHomeAddress")).append(' ');
        }
        return out;
    }

    /** One JSON object on one line. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder(256);
        json(out, value);
        return out.toString();
    }

    private static void json(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                json(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "" : ",");
                first = false;
                json(out, item);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
