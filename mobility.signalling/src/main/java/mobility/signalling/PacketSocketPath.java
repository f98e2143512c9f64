package mobility.signalling;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import mobility.api.wire.icmp.Icmpv6Codec;
import mobility.api.wire.mh.MobilityHeaderCodec;

/**
 * Signalling without the kernel's Mobile IPv6 support (kernel.md). Receiving, while any role listens: a filtered packet socket on every
 * interface that is up, followed through link events, sees the packets before netfilter; the platform's nftables
 * table then drops those carrying a Mobility Header, a Home Address option or a Type 2 routing header in
 * prerouting, so the kernel never answers them with ICMPv6 Parameter Problem; and an open raw socket for protocol
 * 135, which reads nothing, keeps the kernel from answering a bare Mobility Header. Sending: whole IPv6 packets
 * built here, handed to a raw socket that includes the header, so the kernel routes them and resolves the next hop.
 */
final class PacketSocketPath implements SignallingPath {

    static final String NAME = "packet-socket";
    static final String NFT_TABLE = "mobility_mip6";
    /**
     * The table's one chain (kernel.md, nftables 1.0.6): the HAO type byte at offset 46 is where a Destination
     * Options header holding only the option puts it (PadN of 2 data octets, then the option at 8n+6, §6.3). Only
     * packets addressed to this node are dropped; signalling routed through it is left alone.
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
            }
            closeAll(List.of(mobilityHeaderSink, table));
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
                    open = List.copyOf(sockets.values());
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
                        sockets.put(e.getKey(), packetSockets.open(namespace, e.getKey(), filter));
                        interfaceNames.put(e.getKey(), e.getValue());
                    } catch (KernelException gone) {
                        counters.increment("interface.open.failed");
                    }
                }
            }
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
                frame.homeAddress, frame.routingHeaderAddress, frame.hopLimit, message);
        counters.packet("received", p);
        listeners.deliver(p);
    }

    @Override
    public void send(SignallingPacket packet) throws SignallingException {
        synchronized (sendBatch) {
            ByteBuffer b = sendBatch.buffer(0);
            b.clear();
            OutgoingPacket.write(packet, b);
            sendBatch.peer(0, packet.destination(), packet.interfaceIndex());
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
