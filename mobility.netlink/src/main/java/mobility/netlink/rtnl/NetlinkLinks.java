package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.List;
import java.util.Optional;

import mobility.api.net.Ipv6Address;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.Links;
import mobility.api.kernel.Subscription;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/** {@link Links} over rtnetlink. */
public final class NetlinkLinks implements Links {

    private static final int ENODEV = 19;

    private record UpDown(String name, boolean up) {
    }

    private record Mtu(String name, int mtu) {
    }

    private record Veth(String name, String peer) {
    }

    private record Tunnel(String name, Ipv6Address local, Ipv6Address remote, int underlying) {
    }

    private static final Operation<UpDown> SET_UP = Operation.of("RTM_NEWLINK", RTM_NEWLINK, 0,
            (w, i) -> LinkCodec.upDown(w, i.name(), i.up()), i -> i.name() + (i.up() ? " up" : " down"));
    private static final Operation<Mtu> SET_MTU = Operation.of("RTM_NEWLINK", RTM_NEWLINK, 0,
            (w, i) -> LinkCodec.mtu(w, i.name(), i.mtu()), i -> i.name() + " mtu " + i.mtu());
    private static final Operation<Veth> ADD_VETH = Operation.of("RTM_NEWLINK", RTM_NEWLINK,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, (w, i) -> LinkCodec.veth(w, i.name(), i.peer()),
            i -> i.name() + " type veth peer " + i.peer());
    private static final Operation<Tunnel> ADD_TUNNEL = Operation.<Tunnel>of("RTM_NEWLINK", RTM_NEWLINK,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
            (w, i) -> LinkCodec.ip6Tunnel(w, i.name(), i.local(), i.remote(), i.underlying()),
            i -> i.name() + " type ip6tnl local " + i.local() + " remote " + i.remote())
            .needing(i -> KernelFeature.IP6TNL);
    private static final Operation<String> DELETE = Operation.of("RTM_DELLINK", RTM_DELLINK, 0,
            LinkCodec::named, name -> name);

    private final NetlinkChannel channel;
    private final ListenerList<Link> listeners;

    public NetlinkLinks(NetlinkChannel channel, ListenerList<Link> listeners) {
        this.channel = channel;
        this.listeners = listeners;
    }

    @Override
    public List<Link> list() {
        return channel.dumpAll("RTM_GETLINK", RTM_GETLINK, w -> LinkCodec.header(w, 0, 0), LinkCodec::decode);
    }

    @Override
    public Optional<Link> get(String name) {
        return list().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    @Override
    public Link require(String name) {
        return get(name).orElseThrow(() -> new KernelException("link " + name, ENODEV, "no such link"));
    }

    @Override
    public void setUp(String name, boolean up) {
        channel.execute(SET_UP, new UpDown(name, up));
    }

    @Override
    public void setMtu(String name, int mtu) {
        channel.execute(SET_MTU, new Mtu(name, mtu));
    }

    @Override
    public void addVethPair(String name, String peerName) {
        requirePlatformName(name);
        requirePlatformName(peerName);
        channel.execute(ADD_VETH, new Veth(name, peerName));
    }

    @Override
    public void addIp6Tunnel(String name, Ipv6Address local, Ipv6Address remote, String underlying) {
        requirePlatformName(name);
        int link = underlying == null ? 0 : require(underlying).index();
        channel.execute(ADD_TUNNEL, new Tunnel(name, local, remote, link));
    }

    @Override
    public void delete(String name) {
        requirePlatformName(name);
        channel.execute(DELETE, name);
    }

    /** Removes every link named with the platform's prefix; a veth peer goes with its partner. */
    public int removePlatformLinks() {
        return Sweep.remove(list(), link -> KernelMarks.isPlatformLink(link.name()),
                link -> channel.execute(DELETE, link.name()));
    }

    @Override
    public Subscription subscribe(KernelListener<Link> listener) {
        return listeners.add(listener);
    }

    private static void requirePlatformName(String name) {
        if (!KernelMarks.isPlatformLink(name)) {
            throw new IllegalArgumentException("link name '" + name + "' must start with the platform's prefix '"
                    + KernelMarks.LINK_PREFIX + "'");
        }
        if (name.length() > 15) {
            throw new IllegalArgumentException("link name '" + name + "' is longer than 15 characters");
        }
    }
}
