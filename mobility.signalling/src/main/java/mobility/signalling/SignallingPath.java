package mobility.signalling;

import java.util.Map;

import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;

/** One way of moving signalling between the roles and the network: packet sockets, or the kernel's MIP6 support. */
interface SignallingPath extends AutoCloseable {

    /** {@code packet-socket} or {@code kernel-mip6}. */
    String name();

    void send(SignallingPacket packet) throws SignallingException;

    /** What the path uses (interfaces, sockets, tables), for {@code mip:caps}. */
    Map<String, Object> describe();

    @Override
    void close();
}
