package mobility.api.kernel;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** What the capability probe found by trying each feature in a throw-away network namespace. */
public record KernelCapabilities(String kernelVersion, Instant probedAt, Map<KernelFeature, FeatureSupport> features) {

    public KernelCapabilities {
        EnumMap<KernelFeature, FeatureSupport> copy = new EnumMap<>(KernelFeature.class);
        copy.putAll(features);
        features = Collections.unmodifiableMap(copy);
    }

    public boolean supports(KernelFeature feature) {
        FeatureSupport support = features.get(feature);
        return support != null && support.supported();
    }
}
