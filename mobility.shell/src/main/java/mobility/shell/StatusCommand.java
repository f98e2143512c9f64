package mobility.shell;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.role.MobilityRole;

/** {@code mip:status}: the product version, the active roles and the {@code mobility.api} services present. */
@Component(service = StatusCommand.class, configurationPid = NodeConfiguration.PID)
@Designate(ocd = NodeConfiguration.class)
@GogoCommand(scope = "mip", function = {"status"})
public class StatusCommand {

    private static final String API_PREFIX = "mobility.api.";

    private final BundleContext context;
    private final List<ServiceReference<MobilityRole>> roles = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String nodeName;

    @Activate
    public StatusCommand(BundleContext context, NodeConfiguration config) {
        this.context = context;
        configure(config);
    }

    @Modified
    void configure(NodeConfiguration config) {
        String name = config.name().trim();
        nodeName = name.isEmpty() ? hostName() : name;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRole(ServiceReference<MobilityRole> role) {
        roles.add(role);
    }

    void removeRole(ServiceReference<MobilityRole> role) {
        roles.remove(role);
    }

    @Descriptor("show the product version, the active Mobile IPv6 roles and the mobility.api services present")
    public String status(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        Map<String, Object> status = snapshot();
        return json ? Json.write(status) : Text.status(status);
    }

    /** The data behind both renderings. */
    Map<String, Object> snapshot() {
        Map<String, Object> status = new LinkedHashMap<>();
        Bundle self = context.getBundle();
        status.put("product", "Mobile IPv6 platform");
        status.put("version", self.getVersion().toString());
        status.put("node", nodeName);
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        status.put("framework", framework.getSymbolicName() + " " + framework.getVersion());
        status.put("java", System.getProperty("java.version"));
        status.put("roles", roles());
        status.put("bundles", productBundles());
        status.put("services", apiServices());
        return status;
    }

    private List<Map<String, Object>> roles() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceReference<MobilityRole> ref : roles) {
            MobilityRole role = context.getService(ref);
            if (role == null) {
                continue;
            }
            try {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", role.name());
                r.put("bundle", ref.getBundle() == null ? null : ref.getBundle().getSymbolicName());
                r.put("state", role.state());
                r.put("summary", role.summary());
                out.add(r);
            } finally {
                context.ungetService(ref);
            }
        }
        out.sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
        return out;
    }

    private List<Map<String, Object>> productBundles() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            if (bsn != null && bsn.startsWith("mobility.")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", bsn);
                m.put("version", b.getVersion().toString());
                m.put("state", Text.bundleState(b.getState()));
                out.add(m);
            }
        }
        out.sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
        return out;
    }

    /** Every registered service whose interface lives in {@code mobility.api}, with the bundles providing it. */
    private List<Map<String, Object>> apiServices() {
        Map<String, List<String>> providers = new TreeMap<>();
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences(null, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                Bundle provider = ref.getBundle();
                for (String type : (String[]) ref.getProperty(Constants.OBJECTCLASS)) {
                    if (type.startsWith(API_PREFIX)) {
                        providers.computeIfAbsent(type, t -> new ArrayList<>())
                                .add(provider == null ? "?" : provider.getSymbolicName());
                    }
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        providers.forEach((type, bundles) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("interface", type);
            m.put("count", bundles.size());
            m.put("providers", bundles.stream().distinct().sorted().toList());
            out.add(m);
        });
        return out;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
