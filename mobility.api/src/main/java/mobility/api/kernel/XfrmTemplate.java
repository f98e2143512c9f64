package mobility.api.kernel;

import mobility.api.net.Ipv6Address;

/**
 * One transform an XFRM policy requires (struct xfrm_user_tmpl).
 *
 * @param protocol    the transform
 * @param mode        transport, tunnel or route optimisation
 * @param source      tunnel source, {@code null} for transport and RO modes
 * @param destination tunnel destination, {@code null} for transport and RO modes
 * @param reqid       the state request id to use, 0 for any
 * @param optional    the transform may be missing ("level use")
 */
public record XfrmTemplate(XfrmProtocol protocol, XfrmMode mode, Ipv6Address source, Ipv6Address destination,
        long reqid, boolean optional) {
}
