package mobility.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import mobility.api.role.MobilityRole;

/**
 * {@code mip:role}: which roles this container can run and which are active; start and stop them. A role bundle
 * names its role in the manifest header {@value #ROLE_HEADER}; stopping the bundle stops the role and removes what it
 * installed in the kernel, starting it brings the role back, without restarting the JVM.
 */
@Component(service = RoleCommand.class)
@GogoCommand(scope = "mip", function = {"role"})
public class RoleCommand {

    static final String ROLE_HEADER = "Mobility-Role";
    private static final long ACTIVATION_WAIT_MILLIS = 10_000;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    @Activate
    public RoleCommand(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Descriptor("list the roles this container can run and which are active")
    public String role(
            @Descriptor("print one JSON document instead of a table")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        List<Map<String, Object>> roles = roles();
        return json ? Json.write(Map.of("roles", roles)) : Text.roles(roles);
    }

    @Descriptor("start or stop a role: mip:role start home-agent, mip:role stop mobile-node")
    public String role(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("start or stop") String action,
            @Descriptor("the role's name, as mip:role lists it") String name) throws Exception {
        Bundle bundle = roleBundle(name);
        long t0 = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("role", name);
        result.put("bundle", bundle.getSymbolicName());
        switch (action) {
            case "start" -> {
                bundle.start();
                boolean active = awaitRole(name, true);
                result.put("active", active);
                if (!active) {
                    result.put("why_not_active", whyNotActive(bundle));
                }
            }
            case "stop" -> {
                bundle.stop();
                result.put("active", awaitRole(name, false) ? Boolean.FALSE : Boolean.TRUE);
            }
            default -> throw new IllegalArgumentException("mip:role: action must be start or stop, not '" + action + "'");
        }
        result.put("elapsed_ms", Math.round((System.nanoTime() - t0) / 1e5) / 10.0);
        if (json) {
            return Json.write(result);
        }
        return name + " " + (Boolean.TRUE.equals(result.get("active")) ? "active" : "not active") + " after "
                + action + " (" + result.get("elapsed_ms") + " ms)"
                + (result.containsKey("why_not_active") ? ": " + result.get("why_not_active") : "");
    }

    private List<Map<String, Object>> roles() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String name = b.getHeaders().get(ROLE_HEADER);
            if (name == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("bundle", b.getSymbolicName());
            m.put("bundle_state", Text.bundleState(b.getState()));
            MobilityRole role = activeRole(name);
            m.put("active", role != null);
            m.put("state", role != null ? role.state() : whyNotActive(b));
            out.add(m);
        }
        out.sort((a, c) -> String.valueOf(a.get("name")).compareTo(String.valueOf(c.get("name"))));
        return out;
    }

    private Bundle roleBundle(String name) {
        List<String> known = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String role = b.getHeaders().get(ROLE_HEADER);
            if (name.equals(role)) {
                return b;
            }
            if (role != null) {
                known.add(role);
            }
        }
        throw new IllegalArgumentException("mip:role: no role named '" + name + "' in this container (roles: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    private MobilityRole activeRole(String name) {
        try {
            for (ServiceReference<MobilityRole> ref : context.getServiceReferences(MobilityRole.class,
                    "(" + MobilityRole.ROLE + "=" + name + ")")) {
                MobilityRole role = context.getService(ref);
                if (role != null) {
                    context.ungetService(ref);
                    return role;
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("mip:role: bad role name '" + name + "'", e);
        }
        return null;
    }

    private boolean awaitRole(String name, boolean present) throws InterruptedException {
        long end = System.nanoTime() + ACTIVATION_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            if ((activeRole(name) != null) == present) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Why a role bundle's components are not running: missing configuration or services, as SCR reports it. */
    private String whyNotActive(Bundle b) {
        if (b.getState() != Bundle.ACTIVE) {
            return "bundle " + Text.bundleState(b.getState()).toLowerCase();
        }
        List<String> reasons = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty() && "require".equals(d.configurationPolicy)) {
                reasons.add(d.name + " needs configuration " + String.join(",", d.configurationPid));
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                        reasons.add(d.name + " waits for " + u.name);
                    }
                } else if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    reasons.add(d.name + " failed: " + c.failure);
                }
            }
        }
        return reasons.isEmpty() ? "starting" : String.join("; ", reasons);
    }
}
