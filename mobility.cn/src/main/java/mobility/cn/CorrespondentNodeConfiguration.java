package mobility.cn;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.cn}: the correspondent node runs while it exists (RFC 6275 §9). */
@ObjectClassDefinition(name = "Mobile IPv6 correspondent node",
        description = "Return routability and correspondent bindings for mobile nodes (RFC 6275 §9).")
public @interface CorrespondentNodeConfiguration {

    String PID = "mobility.cn";

    @AttributeDefinition(name = "Maximum binding lifetime", description = "Seconds granted at most; never more than "
            + "MAX_RR_BINDING_LIFETIME, 420 (§12).", min = "4", max = "420")
    int maxBindingLifetime() default 420;

    @AttributeDefinition(name = "Permitted home prefixes", description = "Home addresses in these prefixes may bind "
            + "(e.g. 2001:db8:2700::/64); empty: every mobile node. Others get status 129.", required = false)
    String[] permittedHomePrefixes() default {};

    @AttributeDefinition(name = "Binding Refresh Request before expiry", description = "Seconds before a binding "
            + "expires to send a Binding Refresh Request to the mobile node (§9.5.5); 0: never.", min = "0",
            max = "420")
    int bindingRefreshRequestBefore() default 10;

    @AttributeDefinition(name = "Binding Error rate", description = "Most Binding Errors (status 1, §9.3.1) per "
            + "second (§9.3.3).", min = "1")
    int bindingErrorsPerSecond() default 10;
}
