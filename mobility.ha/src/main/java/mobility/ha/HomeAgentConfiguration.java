package mobility.ha;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code mobility.ha}: the home agent runs when this configuration exists (a file
 * {@code mobility.ha.cfg} in the container's watched folder), in the spirit of mip6d's {@code NodeConfig HA}.
 */
@ObjectClassDefinition(name = "Home agent", description = "The home agent of RFC 6275 §10: home registrations, "
        + "binding cache, proxy Neighbor Discovery and tunnelling for mobile nodes of its home links.")
public @interface HomeAgentConfiguration {

    String PID = "mobility.ha";

    @AttributeDefinition(name = "Home links", description = "The interfaces on the home links (mip6d's Interface).")
    String[] homeLinks();

    @AttributeDefinition(name = "Home prefixes", description = "The home subnet prefixes served, e.g. "
            + "2001:db8:1::/64. Empty: the global prefixes on the home links.", required = false)
    String[] homePrefixes() default {};

    @AttributeDefinition(name = "Home agent address", description = "This home agent's global address on the home "
            + "link; empty: the first global address of the first home link.", required = false)
    String homeAgentAddress() default "";

    @AttributeDefinition(name = "Maximum binding lifetime", description = "Seconds; longer requests are cut to this "
            + "(mip6d's MaxBindingLife).", min = "4", max = "262140")
    int maxBindingLifetime() default 262;

    @AttributeDefinition(name = "Binding limit", description = "Most bindings at once; more are refused with status "
            + "130 (insufficient resources).", min = "1")
    int bindingLimit() default 1_000_000;

    @AttributeDefinition(name = "IPsec required", description = "Discard Binding Updates not protected by IPsec "
            + "(RFC 3776), counting them. No IPsec bundle yet: leave false unless one is installed.")
    boolean ipsecRequired() default false;

    @AttributeDefinition(name = "Mobile routers permitted", description = "Accept registrations with the R flag and "
            + "Mobile Network Prefixes (RFC 3963).")
    boolean mobileRoutersPermitted() default true;

    @AttributeDefinition(name = "Binding refresh advice", description = "Seconds after which the mobile node should "
            + "refresh, sent in a Binding Refresh Advice option (§6.2.4); 0: none.", min = "0")
    int bindingRefreshAdvice() default 0;

    @AttributeDefinition(name = "Binding Refresh Request before expiry", description = "Seconds before a binding "
            + "expires to send a Binding Refresh Request (§10.3.1); 0: never.", min = "0")
    int bindingRefreshRequestBefore() default 0;

    @AttributeDefinition(name = "Duplicate Address Detection", description = "Check the home address on the home "
            + "link before accepting a first registration (§10.3.1).")
    boolean duplicateAddressDetection() default true;

    @AttributeDefinition(name = "DAD timeout", description = "Milliseconds to wait for a defending advertisement "
            + "(RFC 4861 RetransTimer).", min = "10")
    int dadTimeoutMillis() default 1000;

    @AttributeDefinition(name = "Workers", description = "Threads processing Binding Updates; updates of one home "
            + "address always go to the same worker.", min = "1")
    int workers() default 2;

    @AttributeDefinition(name = "Queue", description = "Binding Updates waiting per worker before new ones are "
            + "dropped (counted as bu.drop.overload).", min = "1")
    int queueSize() default 4096;

    @AttributeDefinition(name = "Kernel batch", description = "Most bindings whose kernel state (tunnel routes and "
            + "rules, proxy neighbour entries) a worker sends to the kernel together when Binding Updates arrive "
            + "in a burst; 1: one binding at a time.", min = "1")
    int kernelBatchSize() default 256;

    @AttributeDefinition(name = "Home agent preference", description = "Preference in DHAAD replies and the Home "
            + "Agent Information option (§7.4), -32768..32767.", min = "-32768", max = "32767")
    int preference() default 0;
}
