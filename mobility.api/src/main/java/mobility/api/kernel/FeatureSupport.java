package mobility.api.kernel;

/** Whether the kernel has a feature, and what the probe saw that says so (a success, or the kernel's error). */
public record FeatureSupport(boolean supported, String evidence) {
}
