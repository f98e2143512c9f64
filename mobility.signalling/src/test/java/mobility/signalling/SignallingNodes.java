package mobility.signalling;

import mobility.netlink.driver.NetlinkKernelDriver;
import mobility.netlink.socket.Netns;
import mobility.netlink.socket.PacketSocketsComponent;
import mobility.netlink.socket.RawSocketsComponent;
import mobility.netlink.tool.NftTablesComponent;

/** What the signalling end-to-end tests share: a node's signalling path and the kernel's own ICMPv6 counters. */
final class SignallingNodes {

    private SignallingNodes() {
    }

    /** The signalling service of one namespace, on the path {@code choice} asks for. */
    static Signalling signalling(NetlinkKernelDriver driver, Signalling.Choice choice) {
        return new Signalling(driver.namespace(), driver, new PacketSocketsComponent(), new RawSocketsComponent(),
                new NftTablesComponent(), choice, mobility.api.wire.mh.MobilityHeaderCodec::standard, 10);
    }

    /** One of the kernel's SNMP counters in {@code ns} (nstat), e.g. Icmp6OutParmProblems. */
    static int counter(Netns ns, String name) {
        String out = ns.exec("nstat -az " + name);
        return out.lines().filter(l -> l.startsWith(name)).mapToInt(l -> Integer.parseInt(l.split("\\s+")[1]))
                .findFirst().orElseThrow();
    }
}
