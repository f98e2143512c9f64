package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.util.List;

import mobility.api.kernel.Address;
import mobility.api.kernel.Addresses;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Subscription;
import mobility.netlink.nl.ListenerList;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.Operation;

/** {@link Addresses} over rtnetlink. */
public final class NetlinkAddresses implements Addresses {

    private record Removal(int ifindex, Ipv6Prefix prefix) {
    }

    private static final Operation<Address> ADD = Operation.of("RTM_NEWADDR", RTM_NEWADDR,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, AddressCodec::add, Describe::address);
    private static final Operation<Address> REPLACE = Operation.of("RTM_NEWADDR", RTM_NEWADDR,
            Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, AddressCodec::add, Describe::address);
    private static final Operation<Removal> REMOVE = Operation.of("RTM_DELADDR", RTM_DELADDR, 0,
            (w, r) -> AddressCodec.remove(w, r.ifindex(), r.prefix()), r -> r.prefix() + " dev #" + r.ifindex());

    private final NetlinkChannel channel;
    private final ListenerList<Address> listeners;

    public NetlinkAddresses(NetlinkChannel channel, ListenerList<Address> listeners) {
        this.channel = channel;
        this.listeners = listeners;
    }

    @Override
    public void add(Address address) {
        channel.execute(ADD, Marks.requireProtocol(address.protocol(), address));
    }

    @Override
    public void replace(Address address) {
        channel.execute(REPLACE, Marks.requireProtocol(address.protocol(), address));
    }

    @Override
    public void remove(int ifindex, Ipv6Prefix prefix) {
        channel.execute(REMOVE, new Removal(ifindex, prefix));
    }

    @Override
    public List<Address> list() {
        return channel.dumpAll("RTM_GETADDR", RTM_GETADDR, w -> AddressCodec.header(w, 0, 0, 0),
                AddressCodec::decode);
    }

    @Override
    public Subscription subscribe(KernelListener<Address> listener) {
        return listeners.add(listener);
    }

    /** Removes every address added with the platform's protocol mark (IFA_PROTO). */
    public int removePlatformAddresses() {
        return Sweep.remove(list(), address -> address.protocol() == KernelMarks.PROTOCOL,
                address -> remove(address.ifindex(), address.prefix()));
    }
}
