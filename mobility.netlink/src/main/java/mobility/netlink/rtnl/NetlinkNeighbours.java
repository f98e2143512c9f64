package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.ArrayList;
import java.util.List;

import mobility.api.kernel.KernelListener;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.Neighbours;
import mobility.api.kernel.Subscription;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/** {@link Neighbours} over rtnetlink; proxy entries are the NTF_PROXY ones. */
public final class NetlinkNeighbours implements Neighbours {

    static final Operation<Neighbour> ADD = Operation.of("RTM_NEWNEIGH", RTM_NEWNEIGH,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, NeighbourCodec::add, Describe::neighbour);
    static final Operation<Neighbour> REMOVE = Operation.of("RTM_DELNEIGH", RTM_DELNEIGH, 0,
            NeighbourCodec::remove, Describe::neighbour);

    private final NetlinkChannel channel;
    private final ListenerList<Neighbour> listeners;

    public NetlinkNeighbours(NetlinkChannel channel, ListenerList<Neighbour> listeners) {
        this.channel = channel;
        this.listeners = listeners;
    }

    @Override
    public void add(Neighbour neighbour) {
        channel.execute(ADD, Marks.requireProtocol(neighbour.protocol(), neighbour));
    }

    @Override
    public void remove(Neighbour neighbour) {
        channel.execute(REMOVE, neighbour);
    }

    @Override
    public List<Neighbour> list() {
        return dump(0);
    }

    @Override
    public List<Neighbour> listProxies() {
        return dump(NTF_PROXY);
    }

    /** A neighbour dump; with NTF_PROXY in the request's ndm_flags the kernel dumps the proxy table instead. */
    private List<Neighbour> dump(int flags) {
        return channel.dumpAll("RTM_GETNEIGH", RTM_GETNEIGH, w -> NeighbourCodec.header(w, 0, 0, flags),
                NeighbourCodec::decode);
    }

    @Override
    public Subscription subscribe(KernelListener<Neighbour> listener) {
        return listeners.add(listener);
    }

    /** Removes every entry and proxy entry with the platform's protocol (NDA_PROTOCOL). */
    public int removePlatformNeighbours() {
        List<Neighbour> all = new ArrayList<>(list());
        all.addAll(listProxies());
        return Sweep.remove(all, n -> n.protocol() == KernelMarks.PROTOCOL, this::remove);
    }
}
