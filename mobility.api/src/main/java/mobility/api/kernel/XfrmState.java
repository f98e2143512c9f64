package mobility.api.kernel;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * An XFRM state (security association, or a Mobile IPv6 route-optimisation state).
 *
 * @param source        outer source address
 * @param destination   outer destination address
 * @param protocol      the transform
 * @param spi           the SPI (0 for route-optimisation states)
 * @param mode          transport, tunnel or route optimisation
 * @param reqid         the request id templates refer to; the platform's states use
 *                      [{@link KernelMarks#FIRST_XFRM_REQID}, {@link KernelMarks#LAST_XFRM_REQID}]
 * @param selector      the traffic, {@code null} for any
 * @param careOfAddress the care-of address of a route-optimisation state (XFRMA_COADDR), else {@code null}
 * @param encryption    ESP cipher, {@code null} for none
 * @param authentication ESP or AH integrity algorithm, {@code null} for none
 * @param aead          combined mode algorithm, {@code null} for none
 */
public record XfrmState(Ipv6Address source, Ipv6Address destination, XfrmProtocol protocol, long spi, XfrmMode mode,
        long reqid, XfrmSelector selector, Ipv6Address careOfAddress, XfrmAlgorithm encryption,
        XfrmAlgorithm authentication, XfrmAlgorithm aead) {

    /**
     * A route-optimisation state (RFC 6275 §6.3/§6.4): {@code careOfAddress} goes into the Type 2 routing header
     * or the Home Address option of traffic between {@code source} and {@code destination}.
     */
    public static XfrmState routeOptimization(XfrmProtocol protocol, Ipv6Address source, Ipv6Address destination,
            Ipv6Address careOfAddress, long reqid) {
        return new XfrmState(source, destination, protocol, 0, XfrmMode.ROUTE_OPTIMIZATION, reqid,
                XfrmSelector.between(Ipv6Prefix.host(source), Ipv6Prefix.host(destination)), careOfAddress, null,
                null, null);
    }

    /** A transport-mode ESP state with separate cipher and integrity algorithms. */
    public static XfrmState esp(Ipv6Address source, Ipv6Address destination, long spi, long reqid,
            XfrmAlgorithm encryption, XfrmAlgorithm authentication) {
        return new XfrmState(source, destination, XfrmProtocol.ESP, spi, XfrmMode.TRANSPORT, reqid, null, null,
                encryption, authentication, null);
    }
}
