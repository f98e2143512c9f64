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
    static String bindingCache(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Binding cache: ").append(rows.size()).append(rows.size() == 1 ? " binding\n" : " bindings\n");
        if (rows.isEmpty()) {
            return out.toString();
        }
        List<List<Object>> cells = new java.util.ArrayList<>();
        cells.add(List.of("kind", "home address", "care-of address", "local address", "flags", "lifetime left/s",
                "seq", "prefixes"));
        for (Map<String, Object> r : rows) {
            cells.add(List.of(r.get("kind"), r.get("home_address"), r.get("care_of_address"), r.get("local_address"),
                    r.get("flags"),
                    r.get("lifetime_remaining") + "/" + r.get("lifetime_granted"), r.get("sequence"),
                    String.join(",", (List<String>) r.get("mobile_network_prefixes"))));
        }
        return table(out, cells);
    }

    static String bindingUpdateList(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Binding update list: ").append(rows.size()).append(rows.size() == 1 ? " entry\n" : " entries\n");
        if (rows.isEmpty()) {
            return out.toString();
        }
        List<List<Object>> cells = new java.util.ArrayList<>();
        cells.add(List.of("kind", "destination", "home address", "care-of address", "state", "flags",
                "lifetime left/s", "seq", "resent", "return routability"));
        for (Map<String, Object> r : rows) {
            cells.add(List.of(r.get("kind"), r.get("destination"), r.get("home_address"), r.get("care_of_address"),
                    r.get("state"), r.get("flags"), r.get("lifetime_remaining") + "/" + r.get("lifetime_granted"),
                    r.get("sequence"), r.get("retransmissions"), returnRoutability(r)));
        }
        return table(out, cells);
    }

    /**
     * A correspondent entry's return-routability state in one cell: the nonce indices and the tokens' ages
     * ({@code home #3 12s, care-of #4 2s, Kbm}), {@code -} for a home registration.
     */
    @SuppressWarnings("unchecked")
    private static String returnRoutability(Map<String, Object> row) {
        Map<String, Object> rr = (Map<String, Object>) row.get("return_routability");
        if (rr == null) {
            return "-";
        }
        return token("home", rr.get("home_nonce_index"), rr.get("home_token_age_s")) + ", "
                + token("care-of", rr.get("careof_nonce_index"), rr.get("careof_token_age_s"))
                + (Boolean.TRUE.equals(rr.get("kbm")) ? ", Kbm" : "");
    }

    private static String token(String which, Object index, Object age) {
        return index == null ? which + " awaited" : which + " #" + index + " " + age + "s";
    }

    /**
     * Rows of cells (the first the column names) in columns as wide as their widest cell, so that an address of any
     * length (an autoconfigured care-of address is 35 characters) keeps the columns after it aligned.
     */
    static String table(StringBuilder out, List<List<Object>> rows) {
        int[] width = new int[rows.get(0).size()];
        for (List<Object> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], String.valueOf(row.get(i)).length());
            }
        }
        for (List<Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                String cell = String.valueOf(row.get(i));
                line.append(cell);
                if (i < width.length - 1) {
                    line.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String statistics(Map<String, Map<String, Long>> byScope) {
        StringBuilder out = new StringBuilder();
        if (byScope.isEmpty()) {
            return "no statistics: no role or mechanism that counts is active\n";
        }
        byScope.forEach((scope, counters) -> {
            out.append(scope).append(":\n");
            counters.forEach((k, v) -> out.append(String.format("  %-44s %12d%n", k, v)));
        });
        return out.toString();
    }

    static String roles(List<Map<String, Object>> roles) {
        if (roles.isEmpty()) {
            return "no role bundles in this container\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-20s %-16s %-8s %s%n", "role", "bundle", "active", "state"));
        for (Map<String, Object> r : roles) {
            out.append(String.format("%-20s %-16s %-8s %s%n", r.get("name"), r.get("bundle"),
                    Boolean.TRUE.equals(r.get("active")) ? "yes" : "no", r.get("state")));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static String configurations(Map<String, Object> byPid) {
        StringBuilder out = new StringBuilder();
        byPid.forEach((pid, d) -> {
            Map<String, Object> desc = (Map<String, Object>) d;
            out.append(pid).append(" (").append(desc.get("name")).append(Boolean.TRUE.equals(desc.get("configured"))
                    ? ", configured" : ", defaults").append(")\n");
            for (Map<String, Object> a : (List<Map<String, Object>>) desc.get("attributes")) {
                out.append(String.format("  %-28s = %-30s %s%n", a.get("key"), a.get("value"),
                        Boolean.TRUE.equals(a.get("set")) ? "" : "(default)"));
            }
        });
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static String caps(Map<String, Object> c) {
        StringBuilder out = new StringBuilder();
        out.append("Kernel ").append(c.get("kernel")).append("  (probed ").append(c.get("probedAt")).append(")\n");
        Map<String, Map<String, Object>> features = (Map<String, Map<String, Object>>) c.get("features");
        features.forEach((name, f) -> out.append(String.format("  %-15s %-4s %s%n", name,
                Boolean.TRUE.equals(f.get("supported")) ? "yes" : "no", f.get("evidence"))));
        Map<String, Object> signalling = (Map<String, Object>) c.get("signalling");
        if (signalling != null) {
            out.append("Signalling path ").append(signalling.get("path")).append(": ").append(signalling.get("reason"))
                    .append('\n');
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) signalling.get("paths");
            paths.forEach((name, p) -> out.append(String.format("  %-15s %-4s %s%n", name,
                    Boolean.TRUE.equals(p.get("available")) ? "yes" : "no", p.get("reason"))));
        }
        Map<String, Object> dataplane = (Map<String, Object>) c.get("dataplane");
        if (dataplane != null) {
            out.append("Tunnel provider ").append(dataplane.get("provider")).append(": ").append(dataplane.get("reason"))
                    .append('\n');
            Map<String, Map<String, Object>> providers = (Map<String, Map<String, Object>>) dataplane.get("providers");
            providers.forEach((name, p) -> out.append(String.format("  %-15s %-4s %-4s %s%n", name,
                    Boolean.TRUE.equals(p.get("available")) ? "yes" : "no", p.get("preference"), p.get("reason"))));
        }
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
