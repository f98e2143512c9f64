package mobility.api.signal;

import org.osgi.annotation.versioning.ConsumerType;

import mobility.api.wire.mh.MobilityMessage;

/**
 * Receives Mobility Header messages the signalling service decoded once, with the container's {@code WireCodec}
 * (so every option an extension bundle registered is understood), and validated: a role sees only well-formed
 * messages; the service answered the malformed and the unclaimed ones itself (RFC 6275 §9.2). Called from the
 * provider's receive thread: hand off long work.
 */
@ConsumerType
@FunctionalInterface
public interface MobilityMessageListener {

    void received(SignallingPacket packet, MobilityMessage message);
}
