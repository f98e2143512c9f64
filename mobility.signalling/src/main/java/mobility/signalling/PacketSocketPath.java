package mobility.signalling;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.Link;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftTables;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketSocket;
import mobility.api.kernel.PacketSockets;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Subscription;
import mobility.api.signal.SignallingException;
import mobility.api.signal.SignallingPacket;
import mobility.api.signal.SignallingPacket.Arrival;
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * Signalling without the kernel's Mobile IPv6 support (kernel.md). Receiving, while any role listens: a filtered packet socket on every
 * interface that is up, followed through link events, sees the packets before netfilter; the platform's nftables
 * table then drops those carrying a Mobility Header, a Home Address option or a Type 2 routing header in
 * prerouting, so the kernel never answers them with ICMPv6 Parameter Problem; and an open raw socket for protocol
 * 135, which reads nothing, keeps the kernel from answering a bare Mobility Header. Sending: whole IPv6 packets
 * built here, handed to a raw socket that includes the header, so the kernel routes them and resolves the next hop.
 *
 * <p>How a packet came (its {@link Arrival}, RFC 6275 §11.6.2: a Home Test counts only when it came through the
 * tunnel from the home agent). The sockets are bound for every protocol (ETH_P_ALL), not for IPv6: such sockets are
 * the kernel's taps (ptype_all), which see a received frame <em>before</em> the link's TCX ingress classifiers, where
 * one for ETH_P_IPV6 sees it after them. The {@code bpf} tunnel provider decapsulates at TCX ingress, so a socket
 * for IPv6 saw only the inner packet with nothing to say it had been tunnelled; a tap sees the outer IPv6-in-IPv6
 * packet with the far end's address, whichever provider then decapsulates it, and {@link ReceivedFrame} reads
 * through the outer header to the inner packet's Mobility Header. This was chosen over marking decapsulated packets
 * (skb->mark in the bpf program, read by the socket filter): a mark says only "tunnelled", not from whom, and is
 * the bpf provider's alone, where the outer header is there for every provider and every kernel, and the tunnel's
 * far end is what §11.6.2 asks about. The filter ({@link SignallingFilter}) now checks the frame's protocol and
 * packet type itself and follows the chain through IPv6-in-IPv6, so the taps pass to the JVM exactly what the IPv6
 * sockets passed, plus tunnelled Mobility Headers.
 *
 * <p>A tunnelled message is delivered with {@code Arrival.tunnelled(outer source, outer destination)} of the
 * innermost tunnel and the inner packet's fields (addresses, Home Address option, routing header; the checksum is
 * checked over the inner addresses). The providers that hand the inner packet to the stack on another interface —
 * the user-space provider's TUN device, the kernel's ip6tnl device — make a second, plain copy of it: a copy of a
 * message delivered from a tunnel in the last {@value TunnelledCopies#WINDOW_MILLIS} ms is dropped and counted
 * ({@code dropped.tunnel_copy}). Such a device's sockets are read after the others in each round, and the outer
 * packet was on the tap's queue before the provider could even read it, so the outer one is read first; should the
 * copy still come first, it is delivered as {@code Arrival.tunnelled(null, null)} (out of one of the platform's
 * tunnel devices, {@link TunnelDevices}) and the outer one is the copy. A message routed through this node inside a
 * tunnel (a home agent's reverse tunnel carrying a Home Test Init to a correspondent) is delivered as before, marked
 * tunnelled, and the roles leave it (its inner destination is not local, {@link MobilityDispatch}); the kernel
 * forwards it as before: the nftables table never drops protocol 41.
 */
final class PacketSocketPath implements SignallingPath {

    static final String NAME = "packet-socket";
    static final String NFT_TABLE = "mobility_mip6";
    /**
     * The table's one chain (kernel.md, nftables 1.0.6): the HAO type byte at offset 46 is where a Destination
     * Options header holding only the option puts it (PadN of 2 data octets, then the option at 8n+6, §6.3). Only
     * packets addressed to this node are dropped; signalling routed through it is left alone. An IPv6-in-IPv6
     * packet (meta l4proto 41) is never dropped, whatever it carries: the tunnel provider decapsulates it (the bpf
     * one at TCX ingress, before this hook; the user-space one from a raw socket for protocol 41; ip6tnl in the
     * kernel), a home agent forwards what comes out of a reverse tunnel, and the packet sockets saw the outer packet
     * already.
     */
    static final String NFT_BODY = """
              chain prerouting {
                type filter hook prerouting priority raw; policy accept;
                fib daddr type local meta l4proto 135 counter drop comment "Mobility Header: read from the packet sockets"
                fib daddr type local rt type 2 counter drop comment "Type 2 routing header (RFC 6275 6.4)"
                fib daddr type local ip6 nexthdr 60 @nh,368,8 201 counter drop comment "Home Address option (RFC 6275 6.3)"
              }""";
    private static final int POLL_MILLIS = 200;
    private static final int ERROR_BACKOFF_MILLIS = 10;
    private static final int BATCH = 32;
    private static final int MTU_BUFFER = 65535;

    private final NetworkNamespace namespace;
    private final KernelDriver driver;
    private final PacketSockets packetSockets;
    private final Listeners listeners;
    private final SignallingCounters counters;
    private final String reason;
    private final RawSockets rawSockets;
    private final NftTables nft;
    private final RawSocket sender;
    private final PacketBatch sendBatch;
    private NftTables.NftTable table;
    /** How long receiving goes on after the last listener left. */
    static final long LINGER_MILLIS = 1000;
    private final ScheduledExecutorService linger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mobility-signalling-linger");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pendingStop;
    private long generation;
    private RawSocket mobilityHeaderSink;
    private Subscription linkEvents;
    private Thread receiver;
    private final AtomicBoolean linksChanged = new AtomicBoolean(true);
    private final Map<Integer, PacketSocket> sockets = new TreeMap<>();
    private final Map<Integer, String> interfaceNames = new TreeMap<>();
    private final BpfProgram filter = SignallingFilter.program();
    private final ReceivedFrame frame = new ReceivedFrame();
    private final TunnelledCopies copies = new TunnelledCopies();
    /** The sockets in the order they are read each round: the platform's tunnel devices' last. */
    private List<PacketSocket> readingOrder = List.of();
    private TunnelDevices tunnelDevices;
    private volatile boolean running;

    PacketSocketPath(NetworkNamespace namespace, KernelDriver driver, PacketSockets packetSockets,
            RawSockets rawSockets, NftTables nft, Listeners listeners, SignallingCounters counters, String reason) {
        this.namespace = namespace;
        this.driver = driver;
        this.packetSockets = packetSockets;
        this.listeners = listeners;
        this.counters = counters;
        this.reason = reason;
        this.rawSockets = rawSockets;
        this.nft = nft;
        if (nft.remove(namespace, "inet", NFT_TABLE)) {
            counters.increment("stale.table.removed");
        }
        sender = rawSockets.openHeaderIncluded(namespace);
        sendBatch = sender.newBatch(1, MTU_BUFFER);
    }

    /**
     * Starts receiving (the table, the sockets, the thread), or stops it {@value #LINGER_MILLIS} ms after the last
     * listener left unless one comes back first: swapping roles in a running container reuses what is open instead
     * of removing and installing the nftables table again (each is a run of the nft tool).
     */
    synchronized void receiving(boolean on) {
        long now = ++generation;
        if (pendingStop != null) {
            pendingStop.cancel(false);
            pendingStop = null;
        }
        if (on) {
            start();
        } else if (running) {
            pendingStop = linger.schedule(() -> stopUnlessWantedSince(now), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The delayed stop, unless a listener came (or went and came) after it was scheduled. */
    private synchronized void stopUnlessWantedSince(long scheduledAt) {
        if (scheduledAt == generation) {
            stop();
        }
    }

    private synchronized void start() {
        if (!running) {
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                table = nft.install(namespace, "inet", NFT_TABLE, NFT_BODY);
                opened.add(table);
                mobilityHeaderSink = rawSockets.open(namespace, SignallingPacket.MOBILITY_HEADER);
                opened.add(mobilityHeaderSink);
                mobilityHeaderSink.filter(BpfProgram.rejectAll());
                linksChanged.set(true);
                tunnelDevices = new TunnelDevices(driver.links());
                opened.add(tunnelDevices);
                linkEvents = driver.links().subscribe((change, link) -> linksChanged.set(true));
            } catch (RuntimeException e) {
                closeAll(opened);
                throw e;
            }
            running = true;
            receiver = new Thread(this::receive, "mobility-signalling-" + namespace);
            receiver.setDaemon(true);
            receiver.start();
        }
    }

    private synchronized void stop() {
        pendingStop = null;
        if (running) {
            running = false;
            synchronized (sockets) {
                sockets.values().forEach(PacketSocket::wakeUp);
            }
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            linkEvents.close();
            synchronized (sockets) {
                sockets.values().forEach(PacketSocket::close);
                sockets.clear();
                interfaceNames.clear();
                readingOrder = List.of();
            }
            closeAll(List.of(mobilityHeaderSink, table, tunnelDevices));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    private void receive() {
        PacketBatch batch = null;
        while (running) {
            try {
                if (linksChanged.getAndSet(false)) {
                    followLinks();
                }
                List<PacketSocket> open;
                synchronized (sockets) {
                    open = readingOrder;
                }
                if (open.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                if (batch == null) {
                    batch = open.get(0).newBatch(BATCH, MTU_BUFFER);
                }
                if (!packetSockets.awaitAny(open, POLL_MILLIS)) {
                    continue;
                }
                for (PacketSocket socket : open) {
                    int n = socket.receive(batch, 0);
                    for (int i = 0; i < n; i++) {
                        handle(batch.buffer(i), batch.interfaceIndex(i), batch.truncated(i));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A socket of an interface that just went away, or a namespace being torn down: count, look again.
                counters.increment("receive.error");
                linksChanged.set(true);
                try {
                    Thread.sleep(ERROR_BACKOFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Opens a socket on each interface that is up and closes those of interfaces gone or down. */
    private void followLinks() {
        Map<Integer, String> up = new TreeMap<>();
        for (Link link : driver.links().list()) {
            if (link.up()) {
                up.put(link.index(), link.name());
            }
        }
        synchronized (sockets) {
            sockets.entrySet().removeIf(e -> {
                if (up.containsKey(e.getKey())) {
                    return false;
                }
                e.getValue().close();
                interfaceNames.remove(e.getKey());
                return true;
            });
            for (Map.Entry<Integer, String> e : up.entrySet()) {
                if (!sockets.containsKey(e.getKey())) {
                    try {
                        // ETH_P_ALL: the tap sees a tunnelled packet before TCX ingress decapsulates it (above).
                        sockets.put(e.getKey(), packetSockets.openAllProtocols(namespace, e.getKey(), filter));
                        interfaceNames.put(e.getKey(), e.getValue());
                    } catch (KernelException gone) {
                        counters.increment("interface.open.failed");
                    }
                }
            }
            List<PacketSocket> order = new ArrayList<>();
            List<PacketSocket> last = new ArrayList<>();
            for (Map.Entry<Integer, PacketSocket> e : sockets.entrySet()) {
                (tunnelDevices.contains(e.getKey()) ? last : order).add(e.getValue());
            }
            order.addAll(last);
            readingOrder = List.copyOf(order);
        }
    }

    private void handle(ByteBuffer packet, int interfaceIndex, boolean truncated) {
        if (truncated || !frame.parse(packet)) {
            counters.increment("dropped.malformed");
            return;
        }
        int protocol = frame.upperProtocol;
        int type = protocol == SignallingPacket.MOBILITY_HEADER ? packet.get(frame.upperOffset + 2) & 0xff
                : packet.get(frame.upperOffset) & 0xff;
        if (!listeners.wanted(protocol, type)) {
            counters.increment("ignored");
            return;
        }
        byte[] message = frame.message(packet);
        var source = frame.homeAddress != null ? frame.homeAddress : frame.source;
        var destination = frame.routingHeaderAddress != null ? frame.routingHeaderAddress : frame.destination;
        boolean valid = protocol == SignallingPacket.MOBILITY_HEADER
                ? message.length >= 8 && MobilityHeaderCodec.checksumVerifies(message, 0,
                        Math.min(message.length, ((message[1] & 0xff) + 1) * 8), source, destination)
                : Icmpv6Codec.checksumVerifies(message, 0, message.length, source, destination);
        if (!valid) {
            // RFC 6275 §9.2 and RFC 4443 §2.3: a bad checksum means silent discard.
            counters.increment("dropped.checksum");
            return;
        }
        SignallingPacket p = new SignallingPacket(protocol, interfaceIndex, frame.source, frame.destination,
                frame.homeAddress, frame.routingHeaderAddress, frame.hopLimit, message, arrival(packet, interfaceIndex));
        long now = System.nanoTime();
        if (copies.isCopy(p, now)) {
            counters.increment("dropped.tunnel_copy");
            return;
        }
        if (p.arrival().tunnelled()) {
            copies.remember(p, now);
            counters.increment("received.tunnelled");
        }
        counters.packet("received", p);
        listeners.deliver(p);
    }

    /**
     * Through which tunnel the frame just parsed came, and whether IPsec protected it.
     *
     * <p>IPsec: this path sees a packet before the kernel's IPsec input does (and the nftables table drops a
     * Mobility Header for this node in prerouting, before xfrm would check it), so all it knows is whether an
     * Authentication Header (RFC 4302) came before the message: then {@code ipsecProtected} is true, though nothing
     * has verified its ICV. ESP never reaches it decrypted: the filter cannot see a Mobility Header inside it. The
     * IPsec bundle will make this exact (from its security associations, for the packets they admit); until then a
     * role must not take {@code ipsecProtected} from this path as proof.
     */
    private Arrival arrival(ByteBuffer packet, int interfaceIndex) {
        Arrival a;
        if (frame.tunnelHeader >= 0) {
            a = Arrival.tunnelled(frame.tunnelSource(packet), frame.tunnelDestination(packet));
        } else if (tunnelDevices.contains(interfaceIndex)) {
            a = Arrival.tunnelled(null, null);
        } else {
            a = Arrival.DIRECT;
        }
        return frame.authenticationHeader ? a.protectedByIpsec() : a;
    }

    /**
     * The messages delivered from a tunnel in the last {@value #WINDOW_MILLIS} ms, so that the plain copy a provider
     * hands to the stack after decapsulating (the TUN device, an ip6tnl device) is not delivered a second time.
     * Only Mobility Header and ICMPv6 packets the filter passed come here, and only tunnelled ones are kept: a plain
     * message retransmitted (one second at least between two, §11.8, §12) is never taken for a copy.
     */
    static final class TunnelledCopies {

        static final long WINDOW_MILLIS = 500;
        private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
        private static final int KEPT = 16;
        private final SignallingPacket[] packets = new SignallingPacket[KEPT];
        private final long[] at = new long[KEPT];
        private int next;
        private long newest = Long.MIN_VALUE / 2;

        /** Whether {@code p} is a copy of a tunnelled message delivered in the window before {@code now}. */
        boolean isCopy(SignallingPacket p, long now) {
            if (now - newest >= WINDOW_NANOS) {
                return false;
            }
            for (int i = 0; i < KEPT; i++) {
                SignallingPacket q = packets[i];
                if (q != null && now - at[i] < WINDOW_NANOS && same(p, q)) {
                    return true;
                }
            }
            return false;
        }

        void remember(SignallingPacket p, long now) {
            packets[next] = p;
            at[next] = now;
            next = (next + 1) % KEPT;
            newest = now;
        }

        /** The same inner packet: its protocol, addresses and message; not the interface it came in on. */
        private static boolean same(SignallingPacket a, SignallingPacket b) {
            return a.protocol() == b.protocol() && a.source().equals(b.source())
                    && a.destination().equals(b.destination()) && Objects.equals(a.homeAddress(), b.homeAddress())
                    && Objects.equals(a.routingHeaderAddress(), b.routingHeaderAddress())
                    && Arrays.equals(a.message(), b.message());
        }
    }

    @Override
    public void send(SignallingPacket packet) throws SignallingException {
        synchronized (sendBatch) {
            ByteBuffer b = sendBatch.buffer(0);
            b.clear();
            OutgoingPacket.write(packet, b);
            sendBatch.peer(0, packet.destination(), packet.interfaceIndex());
            // A socket that includes the IPv6 header routes by the source given in IPV6_PKTINFO, not by the one in
            // the header: without it a mobile node's Home Test Init from its home address left by the main table
            // instead of the reverse tunnel's source route (RFC 6275 §11.6.1: it must go through the home agent).
            sendBatch.source(0, packet.source());
            sendBatch.count(1);
            try {
                sender.send(sendBatch);
            } catch (KernelException e) {
                counters.increment("send.failed");
                throw new SignallingException("cannot send " + OutgoingPacket.describe(packet) + ": "
                        + e.getMessage(), e);
            }
        }
        counters.packet("sent", packet);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", NAME);
        out.put("reason", reason);
        synchronized (sockets) {
            out.put("interfaces", List.copyOf(interfaceNames.values()));
        }
        out.put("receiving", running);
        out.put("nftTable", running ? "inet " + NFT_TABLE : "none (no role listens)");
        long dropped = 0;
        synchronized (sockets) {
            for (PacketSocket s : sockets.values()) {
                dropped += s.dropped();
            }
        }
        out.put("queueDrops", dropped);
        return out;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (pendingStop != null) {
                pendingStop.cancel(false);
                pendingStop = null;
            }
        }
        stop();
        linger.shutdownNow();
        sender.close();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing what was opened goes on; the first failure is not a reason to leak the rest.
            }
        }
    }
}
