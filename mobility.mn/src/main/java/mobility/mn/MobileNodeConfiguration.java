package mobility.mn;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code mobility.mn}: the mobile node runs while this configuration exists, in the spirit of
 * mip6d's {@code NodeConfig MN} with one {@code MnHomeLink}.
 */
@ObjectClassDefinition(name = "Mobile node", description = "The mobile node of RFC 6275 §11: keeps its home address "
        + "while it moves, registering each care-of address with its home agent and tunnelling through it.")
public @interface MobileNodeConfiguration {

    String PID = "mobility.mn";

    @AttributeDefinition(name = "Home address", description = "The home address with its prefix length, e.g. "
            + "2001:db8:1::100/64 (mip6d's HomeAddress).")
    String homeAddress();

    @AttributeDefinition(name = "Home link", description = "The interface that attaches to the home link when the "
            + "node is at home (mip6d's MnHomeLink).")
    String homeLink();

    @AttributeDefinition(name = "Home agent address", description = "The home agent's address; empty: found by "
            + "Dynamic Home Agent Address Discovery (§11.4.1).", required = false)
    String homeAgentAddress() default "";

    @AttributeDefinition(name = "Interfaces", description = "The interfaces to use, each as name:preference "
            + "(higher is preferred), e.g. eth0:10, wlan0:5. Empty: every interface, equal preference.",
            required = false)
    String[] interfaces() default {};

    @AttributeDefinition(name = "First registration timeout", description = "InitialBindackTimeoutFirstReg, ms "
            + "(§13): the first wait for the acknowledgement of a first home registration.", min = "100")
    int initialBindackTimeoutFirstReg() default 1500;

    @AttributeDefinition(name = "Re-registration timeout", description = "INITIAL_BINDACK_TIMEOUT, ms (§12): the "
            + "first wait for any other acknowledgement.", min = "100")
    int initialBindackTimeout() default 1000;

    @AttributeDefinition(name = "Maximum back-off", description = "MAX_BINDACK_TIMEOUT, ms (§12): retransmissions "
            + "stop doubling here.", min = "1000")
    int maxBindackTimeout() default 32_000;

    @AttributeDefinition(name = "Binding lifetime", description = "Seconds asked for in each Binding Update "
            + "(mip6d's MnMaxHaBindingLife).", min = "4", max = "262140")
    int maxBindingLifetime() default 262;

    @AttributeDefinition(name = "Flush visited addresses", description = "Remove the addresses formed on a visited "
            + "link when the node leaves it.")
    boolean flushVisitedAddresses() default true;

    @AttributeDefinition(name = "Correspondents", description = "Correspondent node addresses to run return "
            + "routability and bind with as soon as the node is away (§11.7.2), e.g. 2001:db8:2300::c. Empty: none.",
            required = false)
    String[] correspondents() default {};

    @AttributeDefinition(name = "Route optimisation for", description = "Prefixes of the correspondents whose "
            + "traffic through the home agent's tunnel starts return routability with them (§11.3.3, §11.7.2); "
            + "::/0: every correspondent. Empty: only the configured correspondents.", required = false)
    String[] routeOptimisation() default {"::/0"};
}
