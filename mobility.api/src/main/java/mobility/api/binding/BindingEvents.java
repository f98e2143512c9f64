package mobility.api.binding;

import java.util.HashMap;
import java.util.Map;

/**
 * EventAdmin topics and properties posted by the home agent and the correspondent node when their binding caches
 * change, so that a gateway can react (firewall, accounting, monitoring) without depending on the roles' code.
 */
public final class BindingEvents {

    public static final String TOPIC_PREFIX = "mobility/binding/";
    /** A home address got its first binding (home registration §10.3.1, or correspondent binding §9.5.1). */
    public static final String ADDED = TOPIC_PREFIX + "ADDED";
    /** A binding was refreshed or moved to another care-of address. */
    public static final String UPDATED = TOPIC_PREFIX + "UPDATED";
    /** A binding was removed by deregistration (§10.3.2, §9.5.3). */
    public static final String REMOVED = TOPIC_PREFIX + "REMOVED";
    /** A binding's lifetime ran out. */
    public static final String EXPIRED = TOPIC_PREFIX + "EXPIRED";
    /** Every topic, for an EventHandler's event.topics property. */
    public static final String ALL = TOPIC_PREFIX + "*";

    /** Event properties, simple types only. */
    public static final String HOME_ADDRESS = "home.address";
    public static final String CARE_OF_ADDRESS = "careof.address";
    public static final String LIFETIME = "lifetime";
    public static final String SEQUENCE = "sequence";
    public static final String FLAGS = "flags";
    /** {@link BindingKind#label()}: {@code home} or {@code correspondent}. */
    public static final String KIND = "kind";
    /** The node's own address the binding is held at ({@link Binding#localAddress()}). */
    public static final String LOCAL_ADDRESS = "local.address";

    private BindingEvents() {
    }

    /** An event's properties for a binding, as every role posts them. */
    public static Map<String, Object> properties(Binding b) {
        Map<String, Object> props = new HashMap<>();
        props.put(HOME_ADDRESS, b.homeAddress().toString());
        props.put(CARE_OF_ADDRESS, b.careOfAddress().toString());
        props.put(LIFETIME, b.lifetimeSeconds());
        props.put(SEQUENCE, b.sequence());
        props.put(FLAGS, b.flagString());
        props.put(KIND, b.kind().label());
        props.put(LOCAL_ADDRESS, b.localAddress().toString());
        return props;
    }
}
