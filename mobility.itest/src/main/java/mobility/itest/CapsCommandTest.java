package mobility.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelFeature;

/** mip:caps in a real container with the netlink driver: every feature answered, text and JSON agree. */
@ExtendWith(ServiceExtension.class)
class CapsCommandTest {

    @InjectService(timeout = 20_000)
    CommandProcessor processor;

    @InjectService(timeout = 20_000)
    KernelDriver driver;

    @Test
    @SuppressWarnings("unchecked")
    void capsJsonAnswersEveryFeatureWithEvidence() throws Exception {
        Map<String, Object> caps = JsonReader.object(new Shell(processor).run("mip:caps --json"));
        assertEquals(System.getProperty("os.version"), caps.get("kernel"));
        Map<String, Object> features = (Map<String, Object>) caps.get("features");
        for (KernelFeature feature : KernelFeature.values()) {
            Map<String, Object> f = (Map<String, Object>) features.get(feature.label());
            assertTrue(f != null, "no answer for " + feature.label() + " in " + features);
            String evidence = (String) f.get("evidence");
            assertFalse(evidence.isBlank(), feature.label());
            assertEquals(driver.capabilities().supports(feature), f.get("supported"), feature.label());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void capsNamesTheSignallingPathAndTunnelProviderWithTheirReasons() throws Exception {
        Map<String, Object> caps = JsonReader.object(new Shell(processor).run("mip:caps --json"));
        Map<String, Object> signalling = (Map<String, Object>) caps.get("signalling");
        Map<String, Object> dataplane = (Map<String, Object>) caps.get("dataplane");
        assertTrue(signalling != null && dataplane != null, caps.toString());
        boolean mip6 = driver.capabilities().supports(KernelFeature.MIP6_RO_XFRM);
        assertEquals(mip6 ? "kernel-mip6" : "packet-socket", signalling.get("path"));
        assertFalse(((String) signalling.get("reason")).isBlank());
        Map<String, Object> providers = (Map<String, Object>) dataplane.get("providers");
        assertTrue(providers.keySet().containsAll(java.util.List.of("ip6tnl", "seg6", "tun", "bpf")), providers.toString());
        Map<String, Object> ip6tnl = (Map<String, Object>) providers.get("ip6tnl");
        assertEquals(driver.capabilities().supports(KernelFeature.IP6TNL), ip6tnl.get("available"));
        String text = new Shell(processor).run("mip:caps");
        assertTrue(text.contains("Signalling path " + signalling.get("path")), text);
        assertTrue(text.contains("Tunnel provider " + dataplane.get("provider")), text);
    }

    @Test
    void capsTextHasOneLinePerFeature() throws Exception {
        String text = new Shell(processor).run("mip:caps");
        assertTrue(text.startsWith("Kernel " + System.getProperty("os.version")), text);
        for (KernelFeature feature : KernelFeature.values()) {
            assertTrue(text.lines().anyMatch(l -> l.trim().startsWith(feature.label() + " ")), text);
        }
    }
}
