package mobility.netlink.rtnl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/**
 * A {@link KernelBatch} over one rtnetlink channel: the requests are the same as the single ones of
 * {@link NetlinkRoutes}, {@link NetlinkRules} and {@link NetlinkNeighbours}, packed by
 * {@link NetlinkChannel#executeEach}. Objects it creates carry the platform's protocol, as theirs do.
 */
public final class NetlinkKernelBatch implements KernelBatch {

    private final NetlinkChannel channel;
    private final List<NetlinkChannel.Request<?>> requests = new ArrayList<>();

    public NetlinkKernelBatch(NetlinkChannel channel) {
        this.channel = channel;
    }

    private <T> int queue(Operation<T> operation, T item) {
        requests.add(new NetlinkChannel.Request<>(operation, item));
        return requests.size() - 1;
    }

    @Override
    public int replaceRoute(Route route) {
        return queue(NetlinkRoutes.REPLACE, Marks.requireProtocol(route.protocol(), route));
    }

    @Override
    public int removeRoute(Route route) {
        return queue(NetlinkRoutes.REMOVE, route);
    }

    @Override
    public int addRule(Rule rule) {
        return queue(NetlinkRules.ADD, Marks.requireProtocol(rule.protocol(), rule));
    }

    @Override
    public int removeRule(Rule rule) {
        return queue(NetlinkRules.REMOVE, Marks.requireProtocol(rule.protocol(), rule));
    }

    @Override
    public int addNeighbour(Neighbour neighbour) {
        return queue(NetlinkNeighbours.ADD, Marks.requireProtocol(neighbour.protocol(), neighbour));
    }

    @Override
    public int removeNeighbour(Neighbour neighbour) {
        return queue(NetlinkNeighbours.REMOVE, neighbour);
    }

    @Override
    public int size() {
        return requests.size();
    }

    @Override
    public Map<Integer, KernelException> execute() {
        List<NetlinkChannel.Request<?>> sending = List.copyOf(requests);
        requests.clear();
        return sending.isEmpty() ? Map.of() : channel.executeEach(sending);
    }
}
