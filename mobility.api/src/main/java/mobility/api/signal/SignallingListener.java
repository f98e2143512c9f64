package mobility.api.signal;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the signalling a role subscribed to. Called from the provider's receive thread: hand off long work. */
@ConsumerType
@FunctionalInterface
public interface SignallingListener {

    void received(SignallingPacket packet);
}
