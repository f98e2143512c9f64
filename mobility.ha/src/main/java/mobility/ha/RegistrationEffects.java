package mobility.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.SignallingPacket;

/**
 * What a home registration does outside the binding cache: Duplicate Address Detection and proxy Neighbor Discovery
 * on the home link, the durable store, the tunnel, sending, events. The home agent wires these to the services it
 * uses; the registration logic stays free of I/O.
 */
interface RegistrationEffects {

    /** RFC 6275 §10.3.1 / RFC 4862 §5.4: completes with true when another node defends the home address. */
    CompletionStage<Boolean> duplicateDetected(Ipv6Address homeAddress, boolean linkLocalToo);

    /** Makes the binding durable before it is acknowledged (§10.3.1: an acknowledged binding is never lost). */
    CompletionStage<Void> persist(Binding binding);

    /** Removes the binding from the durable store. */
    CompletionStage<Void> forget(Ipv6Address homeAddress);

    /**
     * Intercepts and tunnels for a binding (§10.4.1): proxy Neighbor Discovery for the home address, a gratuitous
     * Neighbor Advertisement, the tunnel to the care-of address. {@code previous} is the binding it replaces (a move or
     * a refresh), or null.
     *
     * @throws Exception when the forwarding cannot be set up (status 143 for a mobile router, 128 otherwise)
     */
    void install(Binding binding, Binding previous) throws Exception;

    /** Undoes {@link #install}: proxy entry, tunnel (§10.3.2). */
    void uninstall(Binding binding);

    /**
     * Installs and uninstalls several bindings' forwarding (see {@link ForwardingUpdates}); one failure or null per
     * change, in order. This default does one after the other; the home agent's sends the kernel work together.
     */
    default List<Exception> apply(List<ForwardingUpdates.Change> changes) {
        List<Exception> out = new ArrayList<>();
        for (ForwardingUpdates.Change c : changes) {
            try {
                if (c.removes()) {
                    uninstall(c.previous());
                } else {
                    install(c.binding(), c.previous());
                }
                out.add(null);
            } catch (Exception e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Sends a signalling message. */
    void send(SignallingPacket packet);

    /** Posts a binding event (see mobility.api.binding.BindingEvents). */
    void post(String topic, Binding binding);
}
