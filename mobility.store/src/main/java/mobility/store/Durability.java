package mobility.store;

import java.util.Locale;

/**
 * What a completed write survives, chosen by the configuration key {@code durability}. RFC 6275 §10.3.1 has the home
 * agent acknowledge a binding only once it is stored; how far "stored" goes is this trade-off between the Binding
 * Acknowledgement's delay and what a failure can take back.
 */
enum Durability {

    /**
     * The write completes once the MVStore commit has handed the binding to the operating system: it survives the home
     * agent's process dying (kill -9, a crash), and the fsync follows in the background ({@link DeferredSync}), so a
     * power loss can take back what was acknowledged in the last sync delay.
     */
    WRITTEN,

    /** The write completes only after the fsync: it survives a power loss too, and each round pays the disk's flush. */
    SYNCED;

    static final String KEY = "durability";

    /** The configured value, or a message that names the key and the values it takes. */
    static Durability of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Durability d : values()) {
            if (d.value().equals(v)) {
                return d;
            }
        }
        throw new IllegalArgumentException(KEY + " = '" + value + "': expected written or synced");
    }

    /** As written in the configuration. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
