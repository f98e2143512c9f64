package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;

import mobility.api.kernel.Address;
import mobility.api.kernel.Change;
import mobility.api.kernel.Link;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.MessageHandler;
import mobility.netlink.nl.NetlinkSocket;

/**
 * Turns rtnetlink notifications into the API's objects for their listeners. A message is decoded only when its
 * kind has listeners. Runs on the event reader's one thread, so one cursor serves every message.
 */
public final class RtnlEvents implements MessageHandler {

    private final Attributes attributes = new Attributes();
    public final ListenerList<Link> links;
    public final ListenerList<Address> addresses;
    public final ListenerList<Route> routes;
    public final ListenerList<Neighbour> neighbours;

    /** Each kind's multicast group is joined on {@code socket} when its first listener comes. */
    public RtnlEvents(NetlinkSocket socket) {
        links = new ListenerList<>(() -> socket.join(RTNLGRP_LINK));
        addresses = new ListenerList<>(() -> socket.join(RTNLGRP_IPV6_IFADDR));
        routes = new ListenerList<>(() -> socket.join(RTNLGRP_IPV6_ROUTE));
        neighbours = new ListenerList<>(() -> socket.join(RTNLGRP_NEIGH));
    }

    @Override
    public void message(ByteBuffer b, int offset, int length, int type) {
        switch (type) {
            case RTM_NEWLINK, RTM_DELLINK -> {
                if (!links.isEmpty()) {
                    links.fire(change(type, RTM_NEWLINK), LinkCodec.decode(b, offset, length, attributes));
                }
            }
            case RTM_NEWADDR, RTM_DELADDR -> {
                if (!addresses.isEmpty()) {
                    addresses.fire(change(type, RTM_NEWADDR), AddressCodec.decode(b, offset, length, attributes));
                }
            }
            case RTM_NEWROUTE, RTM_DELROUTE -> {
                if (!routes.isEmpty()) {
                    routes.fire(change(type, RTM_NEWROUTE), RouteCodec.decode(b, offset, length, attributes));
                }
            }
            case RTM_NEWNEIGH, RTM_DELNEIGH -> {
                if (!neighbours.isEmpty()) {
                    neighbours.fire(change(type, RTM_NEWNEIGH),
                            NeighbourCodec.decode(b, offset, length, attributes));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void lost() {
        links.fireLost();
        addresses.fireLost();
        routes.fireLost();
        neighbours.fireLost();
    }

    private static Change change(int type, int newType) {
        return type == newType ? Change.NEW : Change.DELETED;
    }
}
