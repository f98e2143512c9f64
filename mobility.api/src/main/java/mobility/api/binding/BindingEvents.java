package mobility.api.binding;

/**
 * EventAdmin topics and properties posted by the home agent when its binding cache changes, so that a gateway can
 * react (firewall, accounting, monitoring) without depending on the home agent's code.
 */
public final class BindingEvents {

    public static final String TOPIC_PREFIX = "mobility/binding/";
    /** A home address got its first binding (home registration, §10.3.1). */
    public static final String ADDED = TOPIC_PREFIX + "ADDED";
    /** A binding was refreshed or moved to another care-of address. */
    public static final String UPDATED = TOPIC_PREFIX + "UPDATED";
    /** A binding was removed by deregistration (§10.3.2). */
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

    private BindingEvents() {
    }
}
