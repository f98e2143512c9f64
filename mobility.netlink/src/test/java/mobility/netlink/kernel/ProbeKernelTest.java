package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelFeature;
import mobility.netlink.probe.CapabilityProber;

/** The probe answers every feature from tries in a namespace of its own, and leaves nothing in the JVM's. */
class ProbeKernelTest {

    @BeforeAll
    static void requireRoot() {
        assumeTrue(TestNamespace.privileged(), "the probe needs root (unshare, CAP_NET_ADMIN); running as "
                + System.getProperty("user.name"));
    }

    @Test
    void everyFeatureIsAnsweredAndNoTraceIsLeftInTheJvmsNamespace() {
        KernelCapabilities caps = CapabilityProber.probe();
        assertEquals(System.getProperty("os.version"), caps.kernelVersion());
        for (KernelFeature feature : KernelFeature.values()) {
            assertTrue(caps.features().containsKey(feature), feature.label());
            assertFalse(caps.features().get(feature).evidence().isBlank(), feature.label());
        }
        String links = TestNamespace.run(List.of("ip", "link", "show"));
        assertFalse(links.contains("mipprobe"), links);
        String policies = TestNamespace.run(List.of("ip", "xfrm", "policy", "list"));
        assertFalse(policies.contains("2001:db8:4d::"), policies);
        String routes = TestNamespace.run(List.of("ip", "-6", "route", "show", "table", "all"));
        assertFalse(routes.contains("2001:db8:4d::"), routes);
    }

    /** seg6 and TUN checked against iproute2 in a test namespace, as ip6tnl, ESP and MIP6 are in their tests. */
    @Test
    void seg6AndTunAgreeWithIproute2() {
        KernelCapabilities caps = CapabilityProber.probe();
        try (TestNamespace ns = new TestNamespace()) {
            ns.ip("link", "set", "lo", "up");
            boolean seg6 = ns.ipStatus("-6", "route", "add", "2001:db8::/64", "encap", "seg6", "mode", "encap",
                    "segs", "2001:db8::1", "dev", "lo") == 0;
            assertEquals(seg6, caps.supports(KernelFeature.SEG6));
            boolean tun = ns.ipStatus("tuntap", "add", "dev", "t-tun", "mode", "tun") == 0;
            assertEquals(tun, caps.supports(KernelFeature.TUN));
        }
    }
}
