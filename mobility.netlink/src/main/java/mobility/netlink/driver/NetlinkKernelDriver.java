package mobility.netlink.driver;

import java.util.function.Consumer;
import java.util.function.Supplier;

import mobility.api.kernel.Addresses;
import mobility.api.kernel.Ipv6Settings;
import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelDrivers;
import mobility.api.kernel.Links;
import mobility.api.kernel.Neighbours;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Routes;
import mobility.api.kernel.Rules;
import mobility.api.kernel.XfrmPolicies;
import mobility.api.kernel.XfrmStates;
import mobility.netlink.nl.EventReader;
import mobility.netlink.nl.Namespaces;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.NetlinkSocket;
import mobility.netlink.rtnl.NetlinkAddresses;
import mobility.netlink.rtnl.NetlinkKernelBatch;
import mobility.netlink.rtnl.NetlinkLinks;
import mobility.netlink.rtnl.NetlinkNeighbours;
import mobility.netlink.rtnl.NetlinkRoutes;
import mobility.netlink.rtnl.NetlinkRules;
import mobility.netlink.rtnl.RtnlEvents;
import mobility.netlink.xfrm.NetlinkXfrmPolicies;
import mobility.netlink.xfrm.NetlinkXfrmStates;

/**
 * The kernel driver of one network namespace: a request socket for rtnetlink, one for XFRM and one multicast socket
 * read by the event thread, all opened inside the namespace. Opening sweeps what a previous run of the platform
 * left there; closing sweeps what this run made.
 */
public final class NetlinkKernelDriver implements KernelDrivers.NamespaceDriver {

    private final NetworkNamespace namespace;
    private final Supplier<KernelCapabilities> capabilities;
    private final NetlinkChannel rtnl;
    private final NetlinkChannel xfrm;
    private final EventReader events;
    private final NetlinkLinks links;
    private final NetlinkAddresses addresses;
    private final NetlinkRoutes routes;
    private final NetlinkRules rules;
    private final NetlinkNeighbours neighbours;
    private final NetlinkXfrmPolicies xfrmPolicies;
    private final NetlinkXfrmStates xfrmStates;
    private final ProcIpv6Settings ipv6Settings;
    private final Consumer<? super NetlinkKernelDriver> whenClosed;
    private boolean closed;

    private NetlinkKernelDriver(NetworkNamespace namespace, Supplier<KernelCapabilities> capabilities,
            NetlinkSocket[] sockets, Consumer<? super NetlinkKernelDriver> whenClosed) {
        this.namespace = namespace;
        this.capabilities = capabilities;
        this.whenClosed = whenClosed;
        rtnl = new NetlinkChannel(sockets[0]);
        xfrm = new NetlinkChannel(sockets[1]);
        RtnlEvents dispatch = new RtnlEvents(sockets[2]);
        events = new EventReader(namespace.isCurrent() ? "own" : namespace.path().getFileName().toString(),
                sockets[2], dispatch);
        links = new NetlinkLinks(rtnl, dispatch.links);
        addresses = new NetlinkAddresses(rtnl, dispatch.addresses);
        routes = new NetlinkRoutes(rtnl, dispatch.routes);
        rules = new NetlinkRules(rtnl);
        neighbours = new NetlinkNeighbours(rtnl, dispatch.neighbours);
        xfrmPolicies = new NetlinkXfrmPolicies(xfrm, feature -> capabilities.get().supports(feature));
        xfrmStates = new NetlinkXfrmStates(xfrm);
        ipv6Settings = new ProcIpv6Settings(namespace);
    }

    /**
     * Opens the driver's sockets inside {@code namespace}, and removes what an earlier run of the platform left
     * there (after a crash). The capabilities are asked for lazily.
     */
    public static NetlinkKernelDriver open(NetworkNamespace namespace, Supplier<KernelCapabilities> capabilities) {
        return open(namespace, capabilities, driver -> {
        });
    }

    /** As {@link #open(NetworkNamespace, Supplier)}, telling {@code whenClosed} when the driver is closed. */
    public static NetlinkKernelDriver open(NetworkNamespace namespace, Supplier<KernelCapabilities> capabilities,
            Consumer<? super NetlinkKernelDriver> whenClosed) {
        NetlinkSocket[] sockets = Namespaces.inside(namespace, () -> {
            NetlinkSocket[] opened = new NetlinkSocket[3];
            try {
                opened[0] = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                opened[1] = NetlinkSocket.open(Netlink.NETLINK_XFRM);
                opened[2] = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
                return opened;
            } catch (RuntimeException e) {
                for (NetlinkSocket s : opened) {
                    if (s != null) {
                        s.close();
                    }
                }
                throw e;
            }
        });
        NetlinkKernelDriver driver = new NetlinkKernelDriver(namespace, capabilities, sockets, whenClosed);
        try {
            driver.removePlatformObjects();
        } catch (RuntimeException e) {
            driver.closeSockets();
            throw e;
        }
        return driver;
    }

    @Override
    public NetworkNamespace namespace() {
        return namespace;
    }

    @Override
    public Links links() {
        return links;
    }

    @Override
    public Addresses addresses() {
        return addresses;
    }

    @Override
    public Routes routes() {
        return routes;
    }

    @Override
    public Rules rules() {
        return rules;
    }

    @Override
    public Neighbours neighbours() {
        return neighbours;
    }

    @Override
    public Ipv6Settings ipv6Settings() {
        return ipv6Settings;
    }

    @Override
    public XfrmPolicies xfrmPolicies() {
        return xfrmPolicies;
    }

    @Override
    public XfrmStates xfrmStates() {
        return xfrmStates;
    }

    @Override
    public KernelBatch batch() {
        return new NetlinkKernelBatch(rtnl);
    }

    @Override
    public KernelCapabilities capabilities() {
        return capabilities.get();
    }

    /**
     * Policies and states first (they refer to addresses), then rules, routes and neighbours, then addresses, then
     * links (which take their remaining routes and addresses with them), then the IPv6 settings.
     */
    @Override
    public int removePlatformObjects() {
        return xfrmPolicies.removePlatformPolicies()
                + xfrmStates.removePlatformStates()
                + rules.removePlatformRules()
                + routes.removePlatformRoutes()
                + neighbours.removePlatformNeighbours()
                + addresses.removePlatformAddresses()
                + links.removePlatformLinks()
                + ipv6Settings.restore();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            removePlatformObjects();
        } finally {
            closeSockets();
            whenClosed.accept(this);
        }
    }

    private void closeSockets() {
        events.close();
        rtnl.close();
        xfrm.close();
    }
}
