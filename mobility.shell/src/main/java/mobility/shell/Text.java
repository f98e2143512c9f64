package mobility.shell;

import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

/** Renders command data as the tables people read. */
final class Text {

    private Text() {
    }

    @SuppressWarnings("unchecked")
    static String status(Map<String, Object> s) {
        StringBuilder out = new StringBuilder();
        out.append(s.get("product")).append(' ').append(s.get("version"))
                .append("  node ").append(s.get("node"))
                .append("  (").append(s.get("framework")).append(", Java ").append(s.get("java")).append(")\n");
        List<Map<String, Object>> roles = (List<Map<String, Object>>) s.get("roles");
        out.append("Roles:");
        if (roles.isEmpty()) {
            out.append(" none active\n");
        } else {
            out.append('\n');
            for (Map<String, Object> r : roles) {
                out.append(String.format("  %-20s %-18s %s%n", r.get("name"), r.get("bundle"), r.get("state")));
            }
        }
        out.append("Bundles:\n");
        for (Map<String, Object> b : (List<Map<String, Object>>) s.get("bundles")) {
            out.append(String.format("  %-20s %-18s %s%n", b.get("name"), b.get("version"), b.get("state")));
        }
        List<Map<String, Object>> services = (List<Map<String, Object>>) s.get("services");
        out.append("mobility.api services:");
        if (services.isEmpty()) {
            out.append(" none\n");
        } else {
            out.append('\n');
            for (Map<String, Object> svc : services) {
                out.append(String.format("  %-50s x%-3s %s%n", svc.get("interface"), svc.get("count"),
                        String.join(", ", (List<String>) svc.get("providers"))));
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static String caps(Map<String, Object> c) {
        StringBuilder out = new StringBuilder();
        out.append("Kernel ").append(c.get("kernel")).append("  (probed ").append(c.get("probedAt")).append(")\n");
        Map<String, Map<String, Object>> features = (Map<String, Map<String, Object>>) c.get("features");
        features.forEach((name, f) -> out.append(String.format("  %-15s %-4s %s%n", name,
                Boolean.TRUE.equals(f.get("supported")) ? "yes" : "no", f.get("evidence"))));
        return out.toString();
    }

    static String bundleState(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
