package mobility.shell;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.console}: the console compatible with mip6d's virtual terminal. */
@ObjectClassDefinition(name = "mip6d-compatible console",
        description = "A TCP console with mip6d's prompt, commands (bc, bul, stats, help, quit) and layout, for "
                + "people and scripts that use mip6d's virtual terminal.")
public @interface ConsoleConfiguration {

    String PID = "mobility.console";

    @AttributeDefinition(name = "Enabled", description = "Whether the console listens at all.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Address", description = "The address to listen on. A loopback address unless "
            + "allowRemote is true, so the console is never reachable from another host by accident.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The TCP port (mip6d uses 7777).", min = "1", max = "65535")
    int port() default 7777;

    @AttributeDefinition(name = "Allow remote", description = "Allow a non-loopback address. The console has no "
            + "authentication: only for a management network.")
    boolean allowRemote() default false;

    @AttributeDefinition(name = "Sessions", description = "How many sessions at once; more are turned away.",
            min = "1")
    int maxSessions() default 8;
}
