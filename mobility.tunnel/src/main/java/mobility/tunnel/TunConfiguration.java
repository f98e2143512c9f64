package mobility.tunnel;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.tunnel.tun}: how the user-space TUN provider hands its packets to the kernel. */
@ObjectClassDefinition(name = "User-space tunnel (TUN)",
        description = "The tun tunnel provider: IPv6-in-IPv6 encapsulated and decapsulated in user space.")
public @interface TunConfiguration {

    String PID = "mobility.tunnel.tun";

    @AttributeDefinition(name = "Join in the kernel",
            description = "True: encapsulated TCP goes to a second TUN device (mipu1) whose receive coalescing joins "
                    + "it into packets of up to 64 KiB that the kernel forwards from that device alone "
                    + "(force_forwarding, Linux 6.17+; they pass the forward hooks of the firewall). False, or on an "
                    + "older kernel: every packet leaves through a raw socket. Changing it restarts the provider.")
    boolean joinInKernel() default true;
}
