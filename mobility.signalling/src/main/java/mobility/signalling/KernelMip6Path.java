package mobility.signalling;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import mobility.api.kernel.KernelCapabilities;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.XfrmDirection;
import mobility.api.kernel.XfrmMode;
import mobility.api.kernel.XfrmPolicy;
import mobility.api.kernel.XfrmProtocol;
import mobility.api.kernel.XfrmSelector;
import mobility.api.kernel.XfrmState;
import mobility.api.kernel.XfrmTemplate;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingPacket.Arrival;

/**
 * Signalling with the kernel's Mobile IPv6 support (CONFIG_IPV6_MIP6). A raw socket for protocol 135 computes and
 * verifies the Mobility Header checksum (IPV6_CHECKSUM) and reports each packet's extension headers as ancillary
 * data (RFC 3542 §4); a raw ICMPv6 socket does the same for Neighbor Discovery and the Mobile IPv6 ICMPv6 messages.
 * The kernel itself processes a received Home Address option and Type 2 routing header (it swaps the addresses,
 * RFC 6275 §9.3.1, §11.3.3) and inserts them on send by route-optimisation XFRM states and policies, which this
 * path installs for each home address and care-of address it sends with.
 *
 * <p>How a packet came ({@link Arrival}): the raw sockets get the packet after the kernel took it out of any tunnel,
 * on the interface it came out of (IPV6_PKTINFO). One of the platform's tunnel devices ({@link TunnelDevices}: the
 * ip6tnl provider's links, the user-space provider's TUN device) accepts only its tunnels' far ends, so a packet
 * received on one is {@code Arrival.tunnelled(null, null)}: tunnelled from the far end, which the socket cannot
 * name. The bpf provider decapsulates at TCX ingress on the physical link and leaves nothing a raw socket could
 * read, so on this path its packets arrive {@link Arrival#DIRECT}; Debian's kernel, which has MIP6, has ip6tnl too,
 * the provider chosen before bpf. IPsec: the kernel has checked any AH or ESP before a raw socket sees the packet,
 * but reports nothing of it: {@code ipsecProtected} stays false until the IPsec bundle, which knows its SAs and
 * policies, makes it exact.
 */
final class KernelMip6Path implements SignallingPath {

    static final String NAME = "kernel-mip6";
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_RTHDR = 57;
    private static final int IPV6_DSTOPTS = 59;
    private static final int HOME_ADDRESS_OPTION = 201;
    private static final int POLL_MILLIS = 200;
    private static final int BUFFER = 65535;

    private final KernelDriver driver;
    private final Listeners listeners;
    private final SignallingCounters counters;
    private final String reason;
    private final RawSocket mobility;
    private final RawSocket icmp;
    private final PacketBatch sendBatch;
    private final Set<XfrmState> states = ConcurrentHashMap.newKeySet();
    private final Set<XfrmPolicy> policies = ConcurrentHashMap.newKeySet();
    private final Thread receiver;
    private final TunnelDevices tunnelDevices;
    /** Waits on both sockets at once. */
    private final PacketSockets waiting;
    private volatile boolean running = true;
    private int nextReqid = KernelMarks.FIRST_XFRM_REQID + 0x100;
    /** The request id of the wildcard receive states, below the ones the sending states take. */
    private static final int WILDCARD_REQID = KernelMarks.FIRST_XFRM_REQID + 0xff;

    /** Whether this kernel can run the path, and why (the capability probe's evidence). */
    static Availability availability(KernelCapabilities capabilities) {
        var support = capabilities.features().get(KernelFeature.MIP6_RO_XFRM);
        if (support != null && support.supported()) {
            return new Availability(true, "kernel has MIP6 route-optimisation XFRM (" + support.evidence() + ")");
        }
        return new Availability(false, "kernel has no MIP6 route-optimisation XFRM"
                + (support == null ? "" : " (" + support.evidence() + ")"));
    }

    record Availability(boolean available, String reason) {
    }

    KernelMip6Path(NetworkNamespace namespace, KernelDriver driver, RawSockets rawSockets, PacketSockets waiting,
            Listeners listeners, SignallingCounters counters, String reason) {
        Availability a = availability(driver.capabilities());
        if (!a.available()) {
            throw new IllegalStateException("the " + NAME + " signalling path is unavailable: " + a.reason());
        }
        this.driver = driver;
        this.waiting = waiting;
        this.listeners = listeners;
        this.counters = counters;
        this.reason = reason;
        mobility = rawSockets.open(namespace, SignallingPacket.MOBILITY_HEADER, RawSockets.Option.PACKET_INFO,
                RawSockets.Option.HOP_LIMIT, RawSockets.Option.DESTINATION_OPTIONS,
                RawSockets.Option.ROUTING_HEADER, RawSockets.Option.MOBILITY_HEADER_CHECKSUM);
        try {
            icmp = rawSockets.open(namespace, SignallingPacket.ICMPV6, RawSockets.Option.PACKET_INFO,
                    RawSockets.Option.HOP_LIMIT, RawSockets.Option.DESTINATION_OPTIONS,
                    RawSockets.Option.ROUTING_HEADER, RawSockets.Option.HOP_LIMIT_255);
        } catch (RuntimeException e) {
            mobility.close();
            throw e;
        }
        sendBatch = mobility.newBatch(1, BUFFER);
        try {
            acceptRouteOptimisation();
            tunnelDevices = new TunnelDevices(driver.links());
        } catch (RuntimeException e) {
            removeXfrm();
            mobility.close();
            icmp.close();
            throw e;
        }
        receiver = new Thread(this::receive, "mobility-signalling-mip6-" + namespace);
        receiver.setDaemon(true);
        receiver.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    private void receive() {
        PacketBatch mh = mobility.newBatch(16, BUFFER);
        PacketBatch icmpBatch = icmp.newBatch(16, BUFFER);
        List<RawSocket> both = List.of(mobility, icmp);
        while (running) {
            try {
                // One wait for either socket: waiting on each in turn held a Binding Update that came while the
                // thread waited on the other for up to half the poll interval.
                if (!waiting.awaitAny(both, POLL_MILLIS)) {
                    continue;
                }
                int n = mobility.receive(mh, 0);
                for (int i = 0; i < n; i++) {
                    handle(mh, i, SignallingPacket.MOBILITY_HEADER);
                }
                n = icmp.receive(icmpBatch, 0);
                for (int i = 0; i < n; i++) {
                    handle(icmpBatch, i, SignallingPacket.ICMPV6);
                }
            } catch (KernelException e) {
                counters.increment("receive.error");
            }
        }
    }

    /**
     * After the kernel's processing the peer is the home address and the Home Address option holds the care-of
     * address; the destination is the home address and the Type 2 routing header holds the care-of address.
     */
    private void handle(PacketBatch batch, int i, int protocol) {
        ByteBuffer b = batch.buffer(i);
        if (batch.truncated(i) || b.remaining() < 4) {
            counters.increment("dropped.malformed");
            return;
        }
        int type = protocol == SignallingPacket.MOBILITY_HEADER ? b.get(2) & 0xff : b.get(0) & 0xff;
        if (!listeners.wanted(protocol, type)) {
            counters.increment("ignored");
            return;
        }
        Ipv6Address peer = Ipv6Address.of(batch.peerHigh(i), batch.peerLow(i));
        Ipv6Address destination = Ipv6Address.of(batch.destinationHigh(i), batch.destinationLow(i));
        Ipv6Address careOfSource = homeAddressOption(batch.ancillary(i, IPPROTO_IPV6, IPV6_DSTOPTS));
        Ipv6Address careOfDestination = type2Address(batch.ancillary(i, IPPROTO_IPV6, IPV6_RTHDR));
        byte[] message = new byte[b.remaining()];
        b.get(0, message);
        SignallingPacket p = new SignallingPacket(protocol, batch.interfaceIndex(i),
                careOfSource != null ? careOfSource : peer, careOfDestination != null ? careOfDestination : destination,
                careOfSource != null ? peer : null, careOfDestination != null ? destination : null,
                batch.hopLimit(i), message, arrival(batch.interfaceIndex(i)));
        if (p.arrival().tunnelled()) {
            counters.increment("received.tunnelled");
        }
        counters.packet("received", p);
        listeners.deliver(p);
    }

    /** Out of one of the platform's tunnel devices, or directly (see the class comment). */
    Arrival arrival(int interfaceIndex) {
        return tunnelDevices.contains(interfaceIndex) ? Arrival.tunnelled(null, null) : Arrival.DIRECT;
    }

    private static Ipv6Address homeAddressOption(byte[] header) {
        if (header == null) {
            return null;
        }
        int i = 2;
        while (i + 2 <= header.length) {
            int type = header[i] & 0xff;
            if (type == 0) {
                i++;
                continue;
            }
            int length = header[i + 1] & 0xff;
            if (type == HOME_ADDRESS_OPTION && length == 16 && i + 18 <= header.length) {
                return Ipv6Address.read(header, i + 2);
            }
            i += 2 + length;
        }
        return null;
    }

    private static Ipv6Address type2Address(byte[] header) {
        if (header == null || header.length < 24 || (header[2] & 0xff) != 2) {
            return null;
        }
        return Ipv6Address.read(header, 8);
    }

    /**
     * Sends from the home address to the home address: the kernel's route-optimisation states put the care-of
     * addresses in the header and the Home Address option or Type 2 routing header (§6.3, §6.4) on the way out.
     */
    @Override
    public void send(SignallingPacket packet) throws SignallingException {
        Ipv6Address from = packet.homeAddress() != null ? packet.homeAddress() : packet.source();
        Ipv6Address to = packet.routingHeaderAddress() != null ? packet.routingHeaderAddress() : packet.destination();
        try {
            // Each message states what it needs: a Home Address option or Type 2 routing header when it has one,
            // and none otherwise, even where an earlier message between the same addresses had one (a mobile node
            // back home, §11.5.4; a binding deleted at the home agent): the kernel would insert it from the state.
            if (packet.homeAddress() != null) {
                routeOptimisation(XfrmProtocol.HOME_ADDRESS_OPTION, packet.homeAddress(), to, packet.source(),
                        packet.protocol());
            } else {
                noRouteOptimisation(XfrmProtocol.HOME_ADDRESS_OPTION, from, to);
            }
            if (packet.routingHeaderAddress() != null) {
                routeOptimisation(XfrmProtocol.ROUTING2, from, packet.routingHeaderAddress(), packet.destination(),
                        packet.protocol());
            } else {
                noRouteOptimisation(XfrmProtocol.ROUTING2, from, to);
            }
            RawSocket socket = packet.protocol() == SignallingPacket.MOBILITY_HEADER ? mobility : icmp;
            synchronized (sendBatch) {
                ByteBuffer b = sendBatch.buffer(0);
                b.clear();
                b.put(packet.message()).flip();
                sendBatch.peer(0, to, packet.interfaceIndex());
                sendBatch.source(0, from);
                sendBatch.count(1);
                socket.send(sendBatch);
            }
        } catch (KernelException e) {
            counters.increment("send.failed");
            throw new SignallingException("cannot send " + OutgoingPacket.describe(packet) + ": " + e.getMessage(), e);
        }
        counters.packet("sent", packet);
    }

    /**
     * What the kernel needs to accept a received Home Address option or Type 2 routing header. It processes either
     * only when an XFRM state of that type matches (xfrm6_input_addr tries the exact addresses, then a wildcard
     * source, then wildcards for both, and a care-of address of :: accepts any), and without one it answers
     * ICMPv6 Parameter Problem (RFC 6275 §9.3.1, §11.3.3). The state then sits in the packet's security path, and a
     * route-optimisation entry there is refused on input unless an inbound policy lists it: hence an inbound policy
     * for the Mobility Header and ICMPv6 with both transforms optional ("level use"), which also passes the same
     * messages without them. The policy has the platform's lowest priority so an IPsec bundle's policies come first.
     */
    private void acceptRouteOptimisation() {
        for (XfrmProtocol protocol : List.of(XfrmProtocol.HOME_ADDRESS_OPTION, XfrmProtocol.ROUTING2)) {
            XfrmState wildcard = new XfrmState(Ipv6Address.UNSPECIFIED, Ipv6Address.UNSPECIFIED, protocol, 0,
                    XfrmMode.ROUTE_OPTIMIZATION, WILDCARD_REQID, null, Ipv6Address.UNSPECIFIED, null, null, null);
            if (addUnlessPresent(() -> driver.xfrmStates().add(wildcard))) {
                states.add(wildcard);
            }
        }
        List<XfrmTemplate> optional = List.of(
                new XfrmTemplate(XfrmProtocol.HOME_ADDRESS_OPTION, XfrmMode.ROUTE_OPTIMIZATION, null, null, 0, true),
                new XfrmTemplate(XfrmProtocol.ROUTING2, XfrmMode.ROUTE_OPTIMIZATION, null, null, 0, true));
        for (int protocol : new int[] {SignallingPacket.MOBILITY_HEADER, SignallingPacket.ICMPV6}) {
            XfrmPolicy in = new XfrmPolicy(XfrmSelector.between(Ipv6Prefix.DEFAULT, Ipv6Prefix.DEFAULT)
                    .protocol(protocol), XfrmDirection.IN, KernelMarks.LAST_XFRM_PRIORITY, false, optional, 0);
            if (addUnlessPresent(() -> driver.xfrmPolicies().add(in))) {
                policies.add(in);
            }
        }
    }

    /** Adds; false when another signalling instance in this namespace installed the same already (it removes it). */
    private boolean addUnlessPresent(Runnable add) {
        try {
            add.run();
            return true;
        } catch (KernelException e) {
            if (e.errnoName() != null && "EEXIST".equals(e.errnoName().name())) {
                counters.increment("xfrm.receive.shared");
                return false;
            }
            throw e;
        }
    }

    /**
     * A route-optimisation state for traffic from {@code source} to {@code destination}, and an optional-level
     * policy that applies it to the upper-layer protocol sent (the Mobility Header, or ICMPv6 for Mobile Prefix
     * Solicitations, §11.4.3). A new care-of address updates the state in place.
     */
    private synchronized void routeOptimisation(XfrmProtocol protocol, Ipv6Address source, Ipv6Address destination,
            Ipv6Address careOf, int upperProtocol) {
        XfrmState state = null;
        for (XfrmState s : states) {
            if (s.protocol() == protocol && s.source().equals(source) && s.destination().equals(destination)) {
                state = s;
            }
        }
        if (state == null) {
            state = XfrmState.routeOptimization(protocol, source, destination, careOf, nextReqid++);
            driver.xfrmStates().add(state);
            states.add(state);
        } else if (!state.careOfAddress().equals(careOf)) {
            XfrmState moved = XfrmState.routeOptimization(protocol, source, destination, careOf, state.reqid());
            driver.xfrmStates().update(moved);
            states.remove(state);
            states.add(moved);
            state = moved;
        }
        XfrmPolicy policy = new XfrmPolicy(XfrmSelector.between(Ipv6Prefix.host(source), Ipv6Prefix.host(destination))
                .protocol(upperProtocol), XfrmDirection.OUT, KernelMarks.FIRST_XFRM_PRIORITY, false,
                List.of(new XfrmTemplate(protocol, XfrmMode.ROUTE_OPTIMIZATION, null, null, state.reqid(), true)), 0);
        if (!policies.contains(policy)) {
            driver.xfrmPolicies().update(policy);
            policies.add(policy);
        }
    }

    /** Removes the route-optimisation state of this type from {@code source} to {@code destination}, with its policies. */
    private synchronized void noRouteOptimisation(XfrmProtocol protocol, Ipv6Address source, Ipv6Address destination) {
        for (XfrmState s : List.copyOf(states)) {
            if (s.protocol() != protocol || !s.source().equals(source) || !s.destination().equals(destination)) {
                continue;
            }
            for (XfrmPolicy p : List.copyOf(policies)) {
                if (p.direction() == XfrmDirection.OUT && p.templates().size() == 1
                        && p.templates().get(0).reqid() == s.reqid()) {
                    driver.xfrmPolicies().remove(p);
                    policies.remove(p);
                }
            }
            driver.xfrmStates().remove(s);
            states.remove(s);
            counters.increment("xfrm.ro.removed");
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", NAME);
        out.put("reason", reason);
        out.put("routeOptimisationStates", states.size());
        return out;
    }

    @Override
    public void close() {
        running = false;
        mobility.wakeUp();
        icmp.wakeUp();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<RuntimeException> failures = removeXfrm();
        tunnelDevices.close();
        mobility.close();
        icmp.close();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private List<RuntimeException> removeXfrm() {
        List<RuntimeException> failures = new ArrayList<>();
        for (XfrmPolicy p : policies) {
            try {
                driver.xfrmPolicies().remove(p);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (XfrmState s : states) {
            try {
                driver.xfrmStates().remove(s);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        policies.clear();
        states.clear();
        return failures;
    }
}
