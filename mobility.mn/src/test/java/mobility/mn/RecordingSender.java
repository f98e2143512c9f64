package mobility.mn;

import java.util.ArrayList;
import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.MobilityMessage;

/** A {@link SignallingSender} that keeps what it was asked to send, in order, instead of sending it. */
final class RecordingSender implements SignallingSender {

    /** One message handed over, ICMPv6 or Mobility Header ({@code hopLimit} 64 for the latter). */
    record Sent(Object message, int ifindex, Ipv6Address source, Ipv6Address destination, Ipv6Address homeAddress,
            int hopLimit, String counter) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void icmp(Icmpv6Message message, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, int hopLimit, String counter) {
        sent.add(new Sent(message, ifindex, source, destination, homeAddress, hopLimit, counter));
    }

    @Override
    public void mobility(MobilityMessage message, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind) {
        sent.add(new Sent(message, ifindex, source, destination, homeAddress, 64, kind));
    }

    @Override
    public void encoded(byte[] mh, String name, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind) {
        sent.add(new Sent(mh, ifindex, source, destination, homeAddress, 64, kind));
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    int count() {
        return sent.size();
    }
}
