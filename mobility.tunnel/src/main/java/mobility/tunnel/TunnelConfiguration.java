package mobility.tunnel;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code mobility.tunnel}: which tunnel provider carries the bindings' tunnels. */
@ObjectClassDefinition(name = "Tunnel data plane",
        description = "The IPv6-in-IPv6 tunnels between the home agent and the mobile nodes' care-of addresses.")
public @interface TunnelConfiguration {

    String PID = "mobility.tunnel";

    @AttributeDefinition(name = "Provider",
            description = "Empty: the available provider with the highest preference (ip6tnl, then seg6, then tun). "
                    + "A name forces that provider while it is available; changing it moves every live tunnel.",
            required = false,
            options = {@Option(value = "", label = "automatic"), @Option(value = "ip6tnl"), @Option(value = "seg6"),
                    @Option(value = "tun")})
    String provider() default "";
}
