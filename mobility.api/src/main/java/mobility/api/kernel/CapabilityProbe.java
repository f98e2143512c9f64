package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/** The kernel's capabilities, probed once when the driver starts. */
@ProviderType
public interface CapabilityProbe {

    /** The result of the probe made at start. */
    KernelCapabilities capabilities();

    /** Probes again now (each feature tried in a fresh throw-away namespace) and keeps the new result. */
    KernelCapabilities probe();
}
