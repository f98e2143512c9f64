package mobility.api.kernel;

import mobility.api.net.Ipv6Prefix;

/**
 * The traffic an XFRM policy or state applies to.
 *
 * @param source      source prefix
 * @param destination destination prefix
 * @param protocol    upper-layer protocol (e.g. 135 for the Mobility Header), 0 for any
 * @param type        ICMPv6 or Mobility Header type to match (carried in the source port field), -1 for any
 * @param ifindex     interface, 0 for any
 */
public record XfrmSelector(Ipv6Prefix source, Ipv6Prefix destination, int protocol, int type, int ifindex) {

    /** Every packet from {@code source} to {@code destination}. */
    public static XfrmSelector between(Ipv6Prefix source, Ipv6Prefix destination) {
        return new XfrmSelector(source, destination, 0, -1, 0);
    }

    public XfrmSelector protocol(int upperLayerProtocol) {
        return new XfrmSelector(source, destination, upperLayerProtocol, type, ifindex);
    }

    public XfrmSelector type(int messageType) {
        return new XfrmSelector(source, destination, protocol, messageType, ifindex);
    }
}
