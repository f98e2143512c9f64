package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.Collection;
import java.util.List;

import mobility.api.kernel.Change;
import mobility.api.kernel.DefaultRouter;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;
import mobility.api.kernel.Routes;
import mobility.api.kernel.Subscription;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/** {@link Routes} over rtnetlink. */
public final class NetlinkRoutes implements Routes {

    private static final Operation<Route> ADD = Operation.of("RTM_NEWROUTE", RTM_NEWROUTE,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, RouteCodec::encode, Describe::route)
            .needing(r -> r.encap() == null ? null : r.encap().feature());
    static final Operation<Route> REPLACE = Operation.of("RTM_NEWROUTE", RTM_NEWROUTE,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, RouteCodec::encode, Describe::route)
            .needing(r -> r.encap() == null ? null : r.encap().feature());
    static final Operation<Route> REMOVE = Operation.of("RTM_DELROUTE", RTM_DELROUTE, 0,
            RouteCodec::encode, Describe::route);

    private final NetlinkChannel channel;
    private final ListenerList<Route> listeners;

    public NetlinkRoutes(NetlinkChannel channel, ListenerList<Route> listeners) {
        this.channel = channel;
        this.listeners = listeners;
    }

    @Override
    public void add(Route route) {
        channel.execute(ADD, Marks.requireProtocol(route.protocol(), route));
    }

    @Override
    public void replace(Route route) {
        channel.execute(REPLACE, Marks.requireProtocol(route.protocol(), route));
    }

    @Override
    public void addAll(Collection<Route> routes) {
        List<Route> list = List.copyOf(routes);
        for (Route r : list) {
            Marks.requireProtocol(r.protocol(), r);
        }
        channel.executeAll(ADD, list);
    }

    @Override
    public void remove(Route route) {
        channel.execute(REMOVE, route);
    }

    @Override
    public List<Route> list(int table) {
        return listAll().stream().filter(r -> r.table() == table).toList();
    }

    @Override
    public List<Route> listAll() {
        return channel.dumpAll("RTM_GETROUTE", RTM_GETROUTE, w -> w.u8(AF_INET6).zeros(RTMSG_LENGTH - 1),
                RouteCodec::decode);
    }

    @Override
    public Subscription subscribe(KernelListener<Route> listener) {
        return listeners.add(listener);
    }

    @Override
    public List<DefaultRouter> defaultRouters() {
        return list(Route.MAIN_TABLE).stream().map(NetlinkRoutes::asDefaultRouter).filter(r -> r != null).toList();
    }

    @Override
    public Subscription subscribeDefaultRouters(KernelListener<DefaultRouter> listener) {
        return listeners.add(new KernelListener<Route>() {
            @Override
            public void changed(Change change, Route route) {
                if (route.table() == Route.MAIN_TABLE) {
                    DefaultRouter router = asDefaultRouter(route);
                    if (router != null) {
                        listener.changed(change, router);
                    }
                }
            }

            @Override
            public void eventsLost() {
                listener.eventsLost();
            }
        });
    }

    private static DefaultRouter asDefaultRouter(Route r) {
        return r.isDefault() && r.gateway() != null
                ? new DefaultRouter(r.gateway(), r.ifindex(), r.metric(), r.protocol()) : null;
    }

    /** Removes every route with the platform's protocol, and every route in the platform's tables. */
    public int removePlatformRoutes() {
        return Sweep.remove(listAll(),
                route -> route.protocol() == KernelMarks.PROTOCOL || KernelMarks.isPlatformTable(route.table()),
                this::remove);
    }
}
