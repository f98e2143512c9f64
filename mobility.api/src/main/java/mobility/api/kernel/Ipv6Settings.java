package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-interface IPv6 settings. {@code interfaceName} may also be "all" or "default". A driver remembers each
 * setting's value before its first change and restores it when it closes.
 */
@ProviderType
public interface Ipv6Settings {

    int get(String interfaceName, Ipv6Setting setting);

    void set(String interfaceName, Ipv6Setting setting, int value);
}
