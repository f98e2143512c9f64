package mobility.shell;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import mobility.api.kernel.CapabilityProbe;
import mobility.api.kernel.FeatureSupport;
import mobility.api.kernel.KernelCapabilities;
import mobility.api.signal.SignallingService;
import mobility.api.tunnel.DataPlane;

/**
 * {@code mip:caps}: what the kernel driver's capability probe found, feature by feature, with its evidence; and,
 * where those services run, which signalling path and which tunnel provider are in use and why.
 */
@Component(service = CapsCommand.class)
@GogoCommand(scope = "mip", function = {"caps"})
public class CapsCommand {

    private final CapabilityProbe probe;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SignallingService signalling;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataPlane dataPlane;

    @Activate
    public CapsCommand(@Reference CapabilityProbe probe) {
        this.probe = probe;
    }

    @Descriptor("show what this kernel supports (MIP6 route optimisation, ip6tnl, seg6, ESP, TUN, optimistic DAD), "
            + "the signalling path and the tunnel provider in use and why")
    public String caps(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json,
            @Descriptor("probe again now instead of showing the result from the driver's start")
            @Parameter(names = {"-p", "--probe"}, absentValue = "false", presentValue = "true") boolean again) {
        Map<String, Object> caps = snapshot(again ? probe.probe() : probe.capabilities());
        SignallingService s = signalling;
        if (s != null) {
            caps.put("signalling", s.describe());
        }
        DataPlane d = dataPlane;
        if (d != null) {
            caps.put("dataplane", d.describe());
        }
        return json ? Json.write(caps) : Text.caps(caps);
    }

    /** The data behind both renderings. */
    static Map<String, Object> snapshot(KernelCapabilities capabilities) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kernel", capabilities.kernelVersion());
        out.put("probedAt", capabilities.probedAt().toString());
        Map<String, Object> features = new LinkedHashMap<>();
        capabilities.features().forEach((feature, support) -> features.put(feature.label(), feature(support)));
        out.put("features", features);
        return out;
    }

    private static Map<String, Object> feature(FeatureSupport support) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("supported", support.supported());
        m.put("evidence", support.evidence());
        return m;
    }
}
