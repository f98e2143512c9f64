package mobility.netlink.driver;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.netlink}: which network namespace the container's kernel driver works in. */
@ObjectClassDefinition(name = "Kernel driver",
        description = "The Linux kernel driver of this container (rtnetlink and XFRM).")
public @interface DriverConfiguration {

    String PID = "mobility.netlink";

    @AttributeDefinition(name = "Network namespace",
            description = "Name of the network namespace (as created by 'ip netns add NAME') the driver manages. "
                    + "Empty: the namespace the container was started in.")
    String namespace() default "";
}
