package mobility.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code mobility.store}. */
@ObjectClassDefinition(name = "Binding store", description = "Where the home agent's bindings are made durable.")
public @interface StoreConfiguration {

    String PID = "mobility.store";
    int DEFAULT_SYNC_DELAY_MILLIS = 100;

    @AttributeDefinition(name = "File", description = "The MVStore file. Empty: bindings.mv in the container's "
            + "state folder (./mobility --state), or in the bundle's data area when there is none.")
    String file() default "";

    @AttributeDefinition(name = "Durability", description = "What a binding has survived when the home agent "
            + "acknowledges it. written: it is in the operating system (it survives a crash or kill -9 of the home "
            + "agent), and the fsync follows within syncDelayMillis; synced: the Binding Acknowledgement waits for "
            + "the fsync (it survives a power loss too, at the cost of the disk's flush time on every registration).",
            options = {@Option(value = "written"), @Option(value = "synced")})
    String durability() default "written";

    @AttributeDefinition(name = "Sync delay (ms)", description = "With durability written: the fsync starts at "
            + "most this long after the first write it covers, so a power loss can take back at most the bindings "
            + "acknowledged in this time plus the fsync's own duration (store.sync_lag_max_ms shows it). 0: at once.",
            min = "0", max = "10000")
    int syncDelayMillis() default DEFAULT_SYNC_DELAY_MILLIS;
}
