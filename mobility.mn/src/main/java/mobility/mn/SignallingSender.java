package mobility.mn;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityMessage;

/**
 * How the parts of the mobile node send what they send (RFC 6275 §11): an ICMPv6 or a Mobility Header message from a
 * given source on a given interface, with the home address in a Home Address option (§6.3, §11.3.1) where the source
 * is a care-of address. Each message sent is counted under a name the operator reads; a failure is counted too, and
 * never thrown: signalling is retransmitted by its own timers, so a message that could not go is like one lost.
 * Whom a message goes to is the caller's: the home agent, a correspondent node, a router, the link.
 */
interface SignallingSender {

    /**
     * Sends an ICMPv6 message; counts {@code counter} when it went, {@code icmp.send_error} when not. The checksum's
     * pseudo-header has the home address as source where a Home Address option carries it (§6.1.1).
     *
     * @param homeAddress the Home Address option's address, null for none
     * @param hopLimit 255 for Neighbor Discovery (RFC 4861 §6.1), 64 otherwise
     */
    void icmp(Icmpv6Message message, int ifindex, Ipv6Address source, Ipv6Address destination, Ipv6Address homeAddress,
            int hopLimit, String counter);

    /**
     * Sends a Mobility Header message; counts {@code kind.sent} when it went, {@code kind.send_error} when not.
     *
     * @param homeAddress the Home Address option's address, null for none
     */
    void mobility(MobilityMessage message, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind);

    /**
     * Sends a Mobility Header already encoded (and signed: a Binding Update to a correspondent carries Binding
     * Authorization Data over its own octets, §5.2.6); the checksum is filled on the way. Counted as for
     * {@link #mobility}.
     */
    void encoded(byte[] mh, String name, int ifindex, Ipv6Address source, Ipv6Address destination,
            Ipv6Address homeAddress, String kind);

    /**
     * A Binding Update to {@code peer} (the home agent, §11.7.1, or a correspondent node, §11.7.2), counted as
     * {@code bu.sent} or {@code bu.send_error}.
     */
    default void bindingUpdate(BindingUpdate bu, int ifindex, Ipv6Address careOf, Ipv6Address homeAddress,
            Ipv6Address peer) {
        // §11.7.1: from the care-of address with the home address in a Home Address option; at home, plainly.
        boolean home = careOf.equals(homeAddress);
        mobility(bu, ifindex, careOf, peer, home ? null : homeAddress, "bu");
    }
}
