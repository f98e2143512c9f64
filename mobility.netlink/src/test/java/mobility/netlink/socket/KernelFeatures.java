package mobility.netlink.socket;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelFeature;
import mobility.netlink.probe.CapabilityProber;

/**
 * Assumptions on what the running kernel can do, from one capability probe per JVM. Tests of the MIP6, ip6tnl and
 * ESP paths carry the tag {@link #GUEST} and run for real where the kernel has them (Debian's kernel in the qemu
 * guest, tests/vm); on a kernel without them they are reported skipped with the probe's evidence. Shared with the
 * signalling and tunnel modules' tests through this module's test jar.
 */
public final class KernelFeatures {

    /** The JUnit tag of tests that need a kernel with MIP6, ip6tnl or ESP; the guest lane runs these. */
    public static final String GUEST = "mip6-kernel";

    private static KernelCapabilities capabilities;

    private KernelFeatures() {
    }

    public static synchronized KernelCapabilities capabilities() {
        if (capabilities == null) {
            capabilities = CapabilityProber.probe();
        }
        return capabilities;
    }

    /** Skips the test unless this kernel has the feature; the reason names it and the probe's evidence. */
    public static void assumePresent(KernelFeature feature) {
        assumePresent(feature, "runs in the qemu guest on Debian's kernel (tests/vm, ./mobility vm)");
    }

    /** As {@link #assumePresent(KernelFeature)}, saying {@code where} the test runs instead. */
    public static void assumePresent(KernelFeature feature, String where) {
        assumeTrue(Netns.root(), "needs root (network namespaces)");
        var support = capabilities().features().get(feature);
        assumeTrue(support != null && support.supported(), () -> "this kernel (" + capabilities().kernelVersion()
                + ") has no " + feature.label() + " (" + (support == null ? "not probed" : support.evidence())
                + "): " + where);
    }

    /** Skips the test where this kernel has the feature: the test is about the error a kernel without it gives. */
    public static void assumeAbsent(KernelFeature feature) {
        assumeTrue(Netns.root(), "needs root (network namespaces)");
        assumeFalse(capabilities().supports(feature), () -> "this kernel has " + feature.label()
                + ": the missing-feature error is tested on kernels without it");
    }
}
