package mobility.signalling;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code mobility.signalling}: which signalling path to use. */
@ObjectClassDefinition(name = "Mobile IPv6 signalling",
        description = "How Mobility Header and ICMPv6 messages are sent and received.")
public @interface SignallingConfiguration {

    String PID = "mobility.signalling";

    @AttributeDefinition(name = "Path",
            description = "auto: the kernel's MIP6 support when the capability probe finds its route-optimisation "
                    + "XFRM types, else packet sockets. packet-socket: packet sockets and user-space headers on any "
                    + "kernel. kernel-mip6: raw sockets and the kernel's Home Address option and Type 2 routing "
                    + "header handling (fails where the kernel lacks them).",
            options = {@Option(value = "auto"), @Option(value = "packet-socket"), @Option(value = "kernel-mip6")})
    String path() default "auto";

    @AttributeDefinition(name = "Error rate", description = "Most answers per second to Mobility Headers no role "
            + "takes or that are malformed: Binding Errors (RFC 6275 §9.3.3 requires a rate limit) and Binding "
            + "Acknowledgements of status 131.", min = "1")
    int bindingErrorsPerSecond() default 10;
}
