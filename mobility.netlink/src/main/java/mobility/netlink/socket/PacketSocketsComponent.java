package mobility.netlink.socket;

import java.util.Collection;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketChannel;
import mobility.api.kernel.PacketSocket;
import mobility.api.kernel.PacketSockets;
import mobility.netlink.nl.Namespaces;

/** The {@link PacketSockets} service: a socket belongs to the namespace of the thread that creates it. */
@Component(service = PacketSockets.class)
public class PacketSocketsComponent implements PacketSockets {

    @Override
    public PacketSocket open(NetworkNamespace namespace, int interfaceIndex, BpfProgram filter,
            boolean virtioHeader) {
        return Namespaces.inside(namespace, () -> LinuxPacketSocket.open(interfaceIndex, filter, virtioHeader,
                Sys.ETH_P_IPV6));
    }

    @Override
    public PacketSocket openAllProtocols(NetworkNamespace namespace, int interfaceIndex, BpfProgram filter) {
        return Namespaces.inside(namespace, () -> LinuxPacketSocket.open(interfaceIndex, filter, false,
                Sys.ETH_P_ALL));
    }

    @Override
    public boolean awaitAny(Collection<? extends PacketChannel> channels, int timeoutMillis) {
        return NativeChannel.awaitAny(channels, timeoutMillis);
    }
}
