package mobility.netlink.socket;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.TunDevice;
import mobility.api.kernel.TunDevices;
import mobility.netlink.nl.Namespaces;

/** The {@link TunDevices} service: the device is made in the namespace of the thread that opens /dev/net/tun. */
@Component(service = TunDevices.class)
public class TunDevicesComponent implements TunDevices {

    @Override
    public TunDevice open(NetworkNamespace namespace, String name, boolean virtioHeader,
            boolean segmentationOffload, boolean coalescedWrites) {
        if (segmentationOffload && !virtioHeader) {
            throw new IllegalArgumentException("segmentation offload needs the virtio header");
        }
        return Namespaces.inside(namespace, () -> LinuxTunDevice.open(name, virtioHeader, segmentationOffload,
                coalescedWrites, !namespace.isCurrent(), true));
    }
}
