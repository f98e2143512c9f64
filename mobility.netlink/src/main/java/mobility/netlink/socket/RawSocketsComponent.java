package mobility.netlink.socket;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.netlink.nl.Namespaces;

/** The {@link RawSockets} service. */
@Component(service = RawSockets.class)
public class RawSocketsComponent implements RawSockets {

    @Override
    public RawSocket openHeaderIncluded(NetworkNamespace namespace) {
        return Namespaces.inside(namespace, () -> LinuxRawSocket.open(Sys.IPPROTO_RAW));
    }

    @Override
    public RawSocket open(NetworkNamespace namespace, int protocol, Option... options) {
        if (protocol <= 0 || protocol >= Sys.IPPROTO_RAW) {
            throw new IllegalArgumentException("an upper-layer protocol is 1..254, not " + protocol);
        }
        return Namespaces.inside(namespace, () -> LinuxRawSocket.open(protocol, options));
    }
}
