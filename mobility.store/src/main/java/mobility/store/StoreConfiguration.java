package mobility.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code mobility.store}. */
@ObjectClassDefinition(name = "Binding store", description = "Where the home agent's bindings are made durable.")
public @interface StoreConfiguration {

    String PID = "mobility.store";

    @AttributeDefinition(name = "File", description = "The MVStore file. Empty: bindings.mv in the container's "
            + "state folder (./mobility --state), or in the bundle's data area when there is none.")
    String file() default "";
}
