package mobility.api.binding;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A mobile node's Binding Update List (RFC 6275 §11.1), read-only for everyone but the mobile node. */
@ProviderType
public interface BindingUpdateList {

    /** Every entry, home registration first, then correspondent registrations by destination. */
    List<BindingUpdateListEntry> entries();
}
