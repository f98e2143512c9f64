package mobility.mn;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import mobility.api.binding.BindingUpdateListEntry;

/**
 * One entry of the mobile node's Binding Update List (RFC 6275 §11.1): a binding the node has, or is trying to
 * establish, with one peer. The home registration with the home agent is one ({@link HomeRegistration}, §11.7.1); a
 * correspondent registration after return routability (§11.7.2) is another kind.
 */
interface Registration {

    /** Null before anything was sent and after the entry left the list (§11.5.5: an accepted deregistration). */
    BindingUpdateListEntry.State state();

    /** The entry as the operator sees it. */
    BindingUpdateListEntry entry();

    /** The Binding Update List as published: the entries of the registrations that are in it, in order. */
    static List<BindingUpdateListEntry> published(Collection<? extends Registration> registrations) {
        return registrations.stream().filter(Objects::nonNull).filter(r -> r.state() != null)
                .map(Registration::entry).toList();
    }
}
