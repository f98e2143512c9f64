package mobility.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.node}: how this container names itself to people and scripts. */
@ObjectClassDefinition(name = "Mobility node",
        description = "Identity of this Mobile IPv6 container, shown by mip:status.")
public @interface NodeConfiguration {

    String PID = "mobility.node";

    @AttributeDefinition(name = "Node name",
            description = "A name for this container (for example ha, mn, cn), shown by mip:status. "
                    + "Empty: the host name.")
    String name() default "";
}
