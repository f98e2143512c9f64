package mobility.api.role;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A Mobile IPv6 role active in this container.
 *
 * <p>Implemented by role bundles (home agent, mobile node, correspondent node, extensions) and consumed by whoever
 * shows or supervises them. The service property {@value #ROLE} carries {@link #name()} so that consumers can
 * filter without getting the service.
 */
@ConsumerType
public interface MobilityRole {

    /** Service property with the role's name, e.g. {@code (mobility.role=home-agent)}. */
    String ROLE = "mobility.role";

    /** Role names of RFC 6275 §2 ("Terminology"). Extensions choose their own. */
    String HOME_AGENT = "home-agent";
    String MOBILE_NODE = "mobile-node";
    String CORRESPONDENT_NODE = "correspondent-node";

    /** The role's name, the same value as the {@value #ROLE} service property. */
    String name();

    /** What the role is doing now, in one line a person reads (e.g. "serving 2001:db8:1::/64, 3 bindings"). */
    String state();

    /**
     * A snapshot of the role's key figures for status displays: simple values only (String, Number, Boolean, and
     * lists or maps of those) so that they render as text and as JSON alike.
     */
    Map<String, Object> summary();
}
