package mobility.netlink.seg6;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.net.Ipv6Address;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.GenericNetlink;
import mobility.netlink.nl.Namespaces;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.NetlinkSocket;
import mobility.netlink.nl.Operation;

/**
 * The {@link Seg6TunnelSource} service over the SEG6 generic netlink family (linux/seg6_genl.h), the interface
 * {@code ip sr tunsrc} uses: one request on a socket opened in the namespace, no process, so a mobile node's
 * move does not wait for one.
 */
@Component(service = Seg6TunnelSource.class)
public class Seg6TunnelSourceComponent implements Seg6TunnelSource {

    private static final String FAMILY = "SEG6";
    private static final int VERSION = 1;
    private static final int SEG6_CMD_SET_TUNSRC = 3;
    private static final int SEG6_CMD_GET_TUNSRC = 4;
    private static final int SEG6_ATTR_DST = 1;

    /** The family's number; the same in every namespace, so asked once. */
    private volatile int familyId = -1;

    @Override
    public Ipv6Address get(NetworkNamespace namespace) {
        Ipv6Address[] source = {Ipv6Address.UNSPECIFIED};
        inside(namespace, (channel, family) -> channel.query(
                Operation.of("SEG6_CMD_GET_TUNSRC", family, 0,
                        (w, unused) -> GenericNetlink.header(w, SEG6_CMD_GET_TUNSRC, VERSION), unused -> ""),
                null, (b, offset, length, type) -> {
                    Attributes a = new Attributes().reset(b,
                            offset + Netlink.HEADER_LENGTH + GenericNetlink.HEADER_LENGTH, offset + length);
                    while (a.next()) {
                        if (a.type() == SEG6_ATTR_DST && a.valueLength() == 16) {
                            source[0] = a.address();
                        }
                    }
                }));
        return source[0];
    }

    @Override
    public void set(NetworkNamespace namespace, Ipv6Address source) {
        inside(namespace, (channel, family) -> channel.execute(
                Operation.<Ipv6Address>of("SEG6_CMD_SET_TUNSRC", family, 0, (w, address) -> {
                    GenericNetlink.header(w, SEG6_CMD_SET_TUNSRC, VERSION);
                    w.attributeAddress(SEG6_ATTR_DST, address);
                }, Ipv6Address::toString), source));
    }

    private interface Request {
        void run(NetlinkChannel channel, int family);
    }

    private void inside(NetworkNamespace namespace, Request request) {
        try (NetlinkChannel channel = Namespaces.inside(namespace,
                () -> new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_GENERIC)))) {
            int family = familyId;
            if (family < 0) {
                family = GenericNetlink.family(channel, FAMILY);
                familyId = family;
            }
            request.run(channel, family);
        }
    }
}
