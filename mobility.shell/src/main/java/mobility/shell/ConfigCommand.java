package mobility.shell;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code mip:config}: show and change the configuration of the product's components through ConfigAdmin, typed and
 * checked against their metatype descriptions, so a wrong value is refused with a message that names the key.
 */
@Component(service = ConfigCommand.class)
@GogoCommand(scope = "mip", function = {"config"})
public class ConfigCommand {

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;

    @Activate
    public ConfigCommand(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaType) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
    }

    @Descriptor("list the configurable components (PIDs) of the product with their current values")
    public String config(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json)
            throws IOException {
        Map<String, Object> all = new TreeMap<>();
        for (String pid : pids().keySet()) {
            all.put(pid, describe(pid));
        }
        return json ? Json.write(all) : Text.configurations(all);
    }

    @Descriptor("show one component's configuration, or change it: mip:config mobility.ha maxLifetime=300")
    public String config(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("remove the configuration, so the component runs on its defaults")
            @Parameter(names = {"-d", "--delete"}, absentValue = "false", presentValue = "true") boolean delete,
            @Descriptor("the component's PID, as mip:config lists it") String pid,
            @Descriptor("key=value pairs to set; a list value is comma-separated") String... assignments)
            throws IOException {
        ObjectClassDefinition ocd = pids().get(pid);
        if (ocd == null) {
            throw new IllegalArgumentException("mip:config: no configurable component '" + pid + "' (known: "
                    + String.join(", ", pids().keySet()) + ")");
        }
        Configuration cfg = configAdmin.getConfiguration(pid, "?");
        if (delete) {
            cfg.delete();
        } else if (assignments.length > 0) {
            Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("mip:config: '" + a + "' is not key=value");
                }
                String key = a.substring(0, eq).trim();
                props.put(key, convert(pid, attribute(ocd, pid, key), a.substring(eq + 1).trim()));
            }
            cfg.update(props);
        }
        Map<String, Object> d = describe(pid);
        return json ? Json.write(d) : Text.configurations(Map.of(pid, d));
    }

    /** PID → its metatype description, for the product's bundles. */
    private Map<String, ObjectClassDefinition> pids() {
        Map<String, ObjectClassDefinition> out = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("mobility.")) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                out.put(pid, info.getObjectClassDefinition(pid, null));
            }
        }
        return out;
    }

    private Map<String, Object> describe(String pid) throws IOException {
        Configuration[] existing;
        try {
            existing = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("mip:config: bad PID " + pid, e);
        }
        ObjectClassDefinition ocd = pids().get(pid);

        Dictionary<String, Object> props = existing == null ? null : existing[0].getProperties();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", ocd.getName());
        d.put("description", ocd.getDescription());
        d.put("configured", props != null);
        List<Map<String, Object>> attrs = new ArrayList<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", ad.getID());
            a.put("type", typeName(ad));
            Object value = props == null ? null : props.get(ad.getID());
            a.put("value", value == null ? defaults(ad) : plain(value));
            a.put("set", value != null);
            a.put("default", defaults(ad));
            a.put("description", ad.getDescription());
            attrs.add(a);
        }
        d.put("attributes", attrs);
        return d;
    }

    private static AttributeDefinition attribute(ObjectClassDefinition ocd, String pid, String key) {
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (ad.getID().equals(key)) {
                return ad;
            }
        }
        List<String> keys = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .map(AttributeDefinition::getID).toList();
        throw new IllegalArgumentException("mip:config: " + pid + " has no key '" + key + "' (keys: "
                + String.join(", ", keys) + ")");
    }

    /** Converts text to the attribute's type and checks it with the attribute's own validation. */
    static Object convert(String pid, AttributeDefinition ad, String text) {
        String[] parts = ad.getCardinality() == 0 ? new String[] {text} : text.isEmpty() ? new String[0]
                : text.split("\\s*,\\s*");
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                values[i] = switch (ad.getType()) {
                    case AttributeDefinition.INTEGER -> Integer.valueOf(p);
                    case AttributeDefinition.LONG -> Long.valueOf(p);
                    case AttributeDefinition.BOOLEAN -> parseBoolean(p);
                    case AttributeDefinition.DOUBLE -> Double.valueOf(p);
                    default -> p;
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mip:config: " + pid + " " + ad.getID() + "='" + p + "' is not "
                        + typeName(ad), e);
            }
            String problem = ad.validate(p);
            if (problem != null && !problem.isEmpty()) {
                throw new IllegalArgumentException("mip:config: " + pid + " " + ad.getID() + "='" + p + "': " + problem);
            }
        }
        if (ad.getCardinality() == 0) {
            return values[0];
        }
        Object array = Array.newInstance(values.length == 0 ? String.class : values[0].getClass(), values.length);
        for (int i = 0; i < values.length; i++) {
            Array.set(array, i, values[i]);
        }
        return array;
    }

    private static Boolean parseBoolean(String p) {
        if (p.equalsIgnoreCase("true") || p.equalsIgnoreCase("false")) {
            return Boolean.valueOf(p);
        }
        throw new IllegalArgumentException("not true or false");
    }

    private static String typeName(AttributeDefinition ad) {
        String base = switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.DOUBLE -> "double";
            default -> "string";
        };
        return ad.getCardinality() == 0 ? base : "list of " + base;
    }

    private static Object defaults(AttributeDefinition ad) {
        String[] d = ad.getDefaultValue();
        if (d == null) {
            return null;
        }
        return ad.getCardinality() == 0 ? (d.length == 0 ? null : d[0]) : List.of(d);
    }

    private static Object plain(Object value) {
        if (value.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                l.add(Array.get(value, i));
            }
            return l;
        }
        return value;
    }
}
