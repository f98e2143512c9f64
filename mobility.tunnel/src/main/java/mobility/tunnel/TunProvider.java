package mobility.tunnel;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.Link;
import mobility.api.kernel.Ipv6Setting;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketChannel;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.Route;
import mobility.api.kernel.TunDevice;
import mobility.api.kernel.TunDevices;
import mobility.api.net.Ipv6Address;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * IPv6-in-IPv6 (RFC 2473) in user space over one TUN device, on any kernel. Routes send the tunnelled traffic into
 * the device; one thread reads it in batches (with the device's offloads, TCP in packets of up to 64 KiB that it
 * segments itself) and puts the outer header in front. Where the kernel can forward from a single device (Linux
 * 6.17: force_forwarding) the encapsulated TCP segments go to a second TUN device whose GRO joins them again
 * into IPv6-in-IPv6 packets of up to 64 KiB, so the kernel routes, forwards and hands the veth or NIC one packet per
 * 64 KiB as it does for a kernel tunnel (and segments it properly wherever a link needs it); elsewhere a batch goes
 * through a raw socket that includes the header (one sendmmsg per batch). A raw socket for protocol 41
 * receives what the far ends send (its existence also keeps the kernel from answering with Parameter Problem); a
 * second thread checks each packet's outer source against the registered far end and its inner source against what
 * the tunnel accepts (RFC 6275 §10.4.5), joins a flow's consecutive segments, and writes the inner packets into the
 * device with a virtio header. Two threads however many tunnels; the device's MTU is the link's less the outer
 * header, so the kernel itself sends Packet Too Big for a forwarded packet that does not fit (RFC 2473 §7.1).
 *
 * <p>Path MTU (RFC 2473 §7.1, RFC 8201): when a router towards a far end answers an outer packet with Packet Too Big,
 * a third thread ({@link PacketTooBigReceiver}) lowers that tunnel's MTU to the reported MTU less the outer header
 * (not below 1280), and the tunnel's routes into the device get it as their route MTU: the kernel then answers the
 * next inner packet too big for that tunnel, forwarded or its own, with Packet Too Big carrying the tunnel MTU, and
 * drops it — per far end, the other tunnels keep theirs. The encapsulator cuts TCP to that MTU and drops (counts)
 * any other packet over it. The lowered MTU ages out after 10 minutes ({@link TunnelPathMtu}). On a path under 1320
 * bytes the tunnel MTU stays 1280 and the outer packets that do not fit are sent as fragments through the raw socket
 * (RFC 2473 §7.1 (b), {@link OuterFragments}).
 *
 * <p>Cost: the segments are cut here because user space cannot hand the kernel an IPv6-in-IPv6 TCP packet of 64 KiB
 * to segment: a virtio header describes it only as TCPV6, without the IPv6-in-IPv6 mark (SKB_GSO_IPXIP6) that the
 * kernel's segmentation of such a packet requires, so it is dropped where it would be segmented (tried on Linux
 * 6.18, through a TUN device and through a packet socket with PACKET_VNET_HDR: the veth counted a TX drop, the far
 * end received nothing). What remains per 64 KiB is one write per segment, so the devices write a batch with one
 * system call ({@link TunDevice#writePath()}: io_uring where the kernel has it).
 */
final class TunProvider implements CountedProvider {

    static final String NAME = "tun";
    static final String DEVICE = "mipu0";
    /** The device the encapsulated packets are written to when the kernel can join them (see the class comment). */
    static final String EGRESS = "mipu1";
    private static final int OUTER_HEADER = 40;
    private static final int BATCH = 64;
    private static final int BUFFER = 2048;
    private static final int READ_BATCH = 16;
    private static final int ERROR_BACKOFF_MILLIS = 10;
    private static final int MAX_PACKET = 65535;
    private static final int POLL_MILLIS = 200;
    private static final long POLL_NANOS = POLL_MILLIS * 1_000_000L;
    private static final int TUNNEL_HOP_LIMIT = 64;
    private static final int IPV6_IN_IPV6 = 41;
    private static final int TCP_CHECKSUM = 16;
    private static final int ADDR_GEN_MODE_NONE = 1;

    private final NetworkNamespace namespace;
    private final boolean joinInKernel;
    private final KernelDriver driver;
    private final TunDevices tunDevices;
    private final RawSockets rawSockets;
    private final Counters counters = new Counters();
    private final LongAdder encapsulated = counters.get("encapsulated");
    private final LongAdder decapsulated = counters.get("decapsulated");
    private final LongAdder noTunnel = counters.get("dropped.no_tunnel");
    private final LongAdder unknownPeer = counters.get("dropped.unknown_peer");
    private final LongAdder innerSource = counters.get("dropped.inner_source");
    private final LongAdder sendFailed = counters.get("dropped.send_failed");
    private final LongAdder written = counters.get("written");
    private final LongAdder truncated = counters.get("dropped.truncated");
    /** Packets the kernel itself sent out of the egress device (it is only written to): read and discarded. */
    private final LongAdder egressDrained = counters.get("egress.drained");
    private final LongAdder tooBig = counters.get("dropped.too_big");
    /** Outer packets sent as fragments: the path to the far end is narrower than 1320 (RFC 2473 §7.1 (b)). */
    private final LongAdder fragmented = counters.get("encapsulated.fragmented");
    private final TunnelPathMtu pathMtu = new TunnelPathMtu(counters);
    private final TunnelRouting routing = new TunnelRouting(TunnelTables.TUN);
    private final TunnelTables.Allocator tables = new TunnelTables.Allocator(TunnelTables.TUN);
    private final SharedKernelObjects shared = new SharedKernelObjects();
    private final Set<TunTunnel> open = new LinkedHashSet<>();
    /** What the data threads read: each tunnel's entry, replaced when it opens, moves or closes. */
    private final TunnelIndex<Entry> index = new TunnelIndex<>();
    private static final TunnelIndex.Carrier<Entry> CARRIES = Entry::carries;
    private TunDevice device;
    private RawSocket receiver;
    private RawSocket sender;
    /** The egress device for TCP, or null when this kernel cannot forward from it: then {@link #sender} sends all. */
    private TunDevice egress;
    private Thread encapsulator;
    private Thread decapsulator;
    private volatile boolean running;
    private volatile int tunnelMtu;
    /** The MTU of the link the outer packets leave through, measured when the first tunnel opened. */
    private int linkMtu;
    private PacketTooBigReceiver packetTooBig;
    private boolean sharedRule;

    /**
     * The data threads' view of one tunnel; {@code mtu} is its tunnel MTU (RFC 2473 §7.1), {@code pathMtu} the path
     * MTU to its far end; when the outer packets of the largest inner ones do not fit it the tunnel
     * {@code fragments} them (RFC 2473 §7.1 (b)).
     */
    private record Entry(TunnelSpec spec, Ipv6Address local, Ipv6Address remote, PrefixMatch routed,
            PrefixMatch fromOnly, PrefixMatch accepted, int mtu, int pathMtu, boolean fragments)
            implements TunnelIndex.Indexed {

        Entry(TunnelSpec spec, PrefixMatch routed, PrefixMatch fromOnly, PrefixMatch accepted, int mtu,
                int pathMtu) {
            this(spec, spec.local(), spec.remote(), routed, fromOnly, accepted, mtu, pathMtu,
                    mtu + OUTER_HEADER > pathMtu);
        }

        /** A home agent's tunnel matches on the destination, a reverse tunnel on the source. */
        boolean carries(long srcHigh, long srcLow, long dstHigh, long dstLow) {
            return fromOnly == null ? routed.matches(dstHigh, dstLow)
                    : fromOnly.matches(srcHigh, srcLow) && routed.matches(dstHigh, dstLow);
        }
    }

    TunProvider(NetworkNamespace namespace, KernelDriver driver, TunDevices tunDevices, RawSockets rawSockets) {
        this(namespace, driver, tunDevices, rawSockets, true);
    }

    /** @param joinInKernel whether TCP may take the egress device where the kernel allows it ({@link TunConfiguration}) */
    TunProvider(NetworkNamespace namespace, KernelDriver driver, TunDevices tunDevices, RawSockets rawSockets,
            boolean joinInKernel) {
        this.joinInKernel = joinInKernel;
        this.namespace = namespace;
        this.driver = driver;
        this.tunDevices = tunDevices;
        this.rawSockets = rawSockets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 100;
    }

    @Override
    public Availability availability() {
        return TunnelRouting.availability(driver, KernelFeature.TUN, "TUN devices");
    }

    @Override
    public synchronized Tunnel open(TunnelSpec spec) throws TunnelException {
        Availability a = availability();
        if (!a.available()) {
            throw new TunnelException("tun is unavailable: " + a.reason());
        }
        try {
            if (open.isEmpty()) {
                start(spec);
            }
            TunTunnel t = new TunTunnel(spec);
            open.add(t);
            indexed(t);
            return t;
        } catch (KernelException | IllegalStateException e) {
            if (open.isEmpty()) {
                stop();
            }
            throw new TunnelException("tun tunnel " + spec.local() + " -> " + spec.remote() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The device with the tunnel MTU, the two sockets and the two threads. */
    private void start(TunnelSpec spec) {
        int ifindex = TunnelRouting.interfaceTowards(driver, spec, spec.remote());
        linkMtu = driver.links().list().stream().filter(l -> l.index() == ifindex).mapToInt(Link::mtu)
                .findFirst().orElse(1500);
        device = tunDevices.open(namespace, DEVICE, true, true);
        tunnelMtu = linkMtu - OUTER_HEADER;
        driver.links().setMtu(DEVICE, tunnelMtu);
        driver.links().setUp(DEVICE, true);
        receiver = rawSockets.open(namespace, IPV6_IN_IPV6, RawSockets.Option.PACKET_INFO);
        egress = joinInKernel ? openEgress(linkMtu) : null;
        if (egress == null) {
            counters.add("egress.raw_socket", 1);
        }
        sender = rawSockets.openHeaderIncluded(namespace);
        // The route change runs apart from the receiver's thread, which must never wait for this provider's lock:
        // stop() holds it while it closes the receiver.
        packetTooBig = new PacketTooBigReceiver(namespace, rawSockets, pathMtu, this::isTunnel,
                far -> CompletableFuture.runAsync(() -> pathMtuChanged(far)), counters, NAME);
        // Batched writes (io_uring) or one write(2) per packet, e.g. on a kernel without io_uring.
        for (TunDevice d : egress == null ? new TunDevice[] {device} : new TunDevice[] {device, egress}) {
            counters.add(d.writePath().startsWith(TunDevice.WRITE_BATCHED) ? "writes.batched" : "writes.per_packet",
                    1);
        }
        running = true;
        encapsulator = new Thread(this::encapsulate, "mobility-tun-encap-" + namespace);
        decapsulator = new Thread(this::decapsulate, "mobility-tun-decap-" + namespace);
        encapsulator.setDaemon(true);
        decapsulator.setDaemon(true);
        encapsulator.start();
        decapsulator.start();
    }

    private void stop() {
        running = false;
        if (packetTooBig != null) {
            packetTooBig.close();
            packetTooBig = null;
        }
        // With no tunnel open nothing is known: the next tunnels learn their paths afresh.
        pathMtu.retain(java.util.Set.of());
        // The data threads wait on the device and the receiving socket: woken, they see running is false at once.
        for (PacketChannel c : new PacketChannel[] {device, receiver, egress}) {
            if (c != null) {
                c.wakeUp();
            }
        }
        for (Thread t : new Thread[] {encapsulator, decapsulator}) {
            if (t != null) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        encapsulator = null;
        decapsulator = null;
        try {
            sharedRule = routing.sharedRule(driver, sharedRule, false);
        } finally {
            sharedRule = false;
        }
        for (AutoCloseable c : new AutoCloseable[] {receiver, sender, egress, device}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    counters.add("close.failed", 1);
                }
            }
        }
        receiver = null;
        sender = null;
        egress = null;
        device = null;
    }

    /**
     * The egress device: encapsulated packets written to it arrive at the kernel as if received, and GRO joins the
     * consecutive segments of a flow — inside their IPv6-in-IPv6 header, which it marks as such (SKB_GSO_IPXIP6) — so
     * the kernel forwards one packet of up to 64 KiB to the far end and segments it again only where a link needs it.
     * Forwarding is switched on for this device alone (force_forwarding), so a mobile node stays a host. Null when
     * the kernel has no such setting (before Linux 6.17) and the node does not forward anyway.
     */
    private TunDevice openEgress(int linkMtu) {
        TunDevice d = null;
        try {
            d = tunDevices.open(namespace, EGRESS, true, false, true);
            driver.links().setMtu(EGRESS, linkMtu);
            // The device is only written to. An up IPv6 interface gets a link-local address, and from it the kernel
            // sends Router Solicitations (RFC 4861 §6.3.7; Linux keeps soliciting, backing off to once an hour) into
            // the device's queue, where nobody reads them: they stayed queued, and once the queue was full the
            // kernel counted what followed as TX drops. Without a link-local address (addr_gen_mode none, set
            // before the link is up) the kernel originates nothing here, yet still takes and forwards what is
            // written; whatever else the kernel sends to the device is drained and counted (encapsulate()).
            driver.ipv6Settings().set(EGRESS, Ipv6Setting.ADDR_GEN_MODE, ADDR_GEN_MODE_NONE);
            try {
                driver.ipv6Settings().set(EGRESS, Ipv6Setting.FORCE_FORWARDING, 1);
            } catch (KernelException e) {
                if (driver.ipv6Settings().get("all", Ipv6Setting.FORWARDING) != 1) {
                    throw e;
                }
            }
            driver.links().setUp(EGRESS, true);
            counters.add("egress.coalesced", 1);
            return d;
        } catch (KernelException | IllegalStateException e) {
            if (d != null) {
                d.close();
            }
            return null;
        }
    }

    /** The data threads' entry of {@code t} made anew from its spec, in place of the one it had. */
    private void indexed(TunTunnel t) {
        Entry old = t.entry;
        TunnelSpec s = t.spec;
        t.entry = new Entry(s, new PrefixMatch(s.routed()),
                s.fromOnly() == null ? null : new PrefixMatch(List.of(s.fromOnly())),
                new PrefixMatch(s.acceptedInner()), Math.min(tunnelMtu, pathMtu.tunnelMtu(s.remote(), linkMtu)),
                pathMtu.pathMtu(s.remote(), linkMtu));
        // The new entry goes in before the old one goes out, so a packet in between finds one of them.
        index.add(t.entry);
        if (old != null && index.remove(old) && !old.remote().equals(s.remote())) {
            pathMtu.forget(old.remote());
        }
        sharedRule = routing.sharedRule(driver, sharedRule, index.anyForward());
    }

    /** Takes {@code t}'s entry out; the path MTU of a far end no tunnel goes to any more is forgotten. */
    private void unindexed(TunTunnel t) {
        if (t.entry != null && index.remove(t.entry)) {
            pathMtu.forget(t.entry.remote());
        }
        t.entry = null;
    }

    /** Whether an open tunnel has these two end points: a Packet Too Big about its outer packet is for us. */
    private boolean isTunnel(long localHigh, long localLow, long remoteHigh, long remoteLow) {
        Object[] tunnels = index.fromRemote(new TunnelIndex.Key(), remoteHigh, remoteLow);
        for (Object o : tunnels == null ? new Object[0] : tunnels) {
            Entry e = (Entry) o;
            if (e.local.high() == localHigh && e.local.low() == localLow) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path MTU to {@code far} went down (a Packet Too Big) or back up (aged out): the routes of every tunnel to
     * it get the new tunnel MTU, and the data threads see it.
     */
    private synchronized void pathMtuChanged(Ipv6Address far) {
        for (TunTunnel t : open) {
            if (t.spec.remote().equals(far)) {
                try {
                    t.install(t.spec);
                    indexed(t);
                } catch (KernelException e) {
                    counters.add("pmtu.route_failed", 1);
                }
            }
        }
    }

    /**
     * TUN to far end: RFC 2473 §6 encapsulation. The device hands over TCP packets of up to 64 KiB with partial
     * checksums (its offloads are on, so the sender's stack works per 64 KiB, not per segment); they are cut into
     * segments here ({@link Segmenter}), each behind an outer header. TCP goes through the egress device when there
     * is one: the segments keep their partial checksums (virtio header NEEDS_CSUM) and the kernel joins them again.
     * Everything else — and TCP too without the egress device — gets its checksum here and goes through the raw
     * socket, a batch per sendmmsg, without waiting for the egress device's thread (a ping keeps its latency). A flow
     * stays on one path, so its packets stay in order.
     */
    private void encapsulate() {
        TunDevice tun = device;
        TunDevice toKernel = egress;
        RawSocket out = sender;
        PacketBatch in = tun.newBatch(READ_BATCH, MAX_PACKET + VirtioHeader.LENGTH, 0);
        // Through the egress device the outer header starts after the virtio header.
        PacketBatch joined = toKernel == null ? null
                : toKernel.newBatch(BATCH, BUFFER + VirtioHeader.LENGTH + OUTER_HEADER);
        PacketBatch batch = out.newBatch(BATCH, BUFFER + OUTER_HEADER);
        // An outer packet to be fragmented is put together here first.
        ByteBuffer whole = ByteBuffer.allocateDirect(BUFFER + OUTER_HEADER);
        PacketBatch drain = toKernel == null ? null : toKernel.newBatch(READ_BATCH, MAX_PACKET + VirtioHeader.LENGTH);
        long drainedAt = System.nanoTime();
        int[] used = new int[2];
        TunnelIndex.Key probe = new TunnelIndex.Key();
        while (running) {
            try {
                if (drain != null && System.nanoTime() - drainedAt > POLL_NANOS) {
                    drainedAt = System.nanoTime();
                    for (int k = toKernel.receive(drain, 0); k > 0; k = toKernel.receive(drain, 0)) {
                        egressDrained.add(k);
                    }
                }
                int n = tun.receive(in, POLL_MILLIS);
                if (n == 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    ByteBuffer b = in.buffer(i);
                    int header = b.position();
                    int ip = header + VirtioHeader.LENGTH;
                    int end = b.limit();
                    Entry e = end - ip < OUTER_HEADER || (b.get(ip) & 0xf0) != 0x60 ? null
                            : index.encapsulating(probe, b.getLong(ip + 8), b.getLong(ip + 16), b.getLong(ip + 24),
                                    b.getLong(ip + 32), CARRIES);
                    if (e == null) {
                        noTunnel.increment();
                        continue;
                    }
                    // Fragments go through the raw socket: the egress device's GRO would not join them.
                    boolean coalesced = joined != null && !e.fragments && Segmenter.isTcp(b, ip);
                    PacketBatch to = coalesced ? joined : batch;
                    int slot = coalesced ? 1 : 0;
                    int outer = coalesced ? VirtioHeader.LENGTH : 0;
                    int inner = outer + OUTER_HEADER;
                    if (Segmenter.gsoType(b, header) == Segmenter.GSO_TCPV6 && Segmenter.isTcp(b, ip)) {
                        int headerLength = OUTER_HEADER + ((b.get(ip + OUTER_HEADER + 12) & 0xf0) >>> 4) * 4;
                        int mss = Math.min(Segmenter.gsoSize(b, header), e.mtu - headerLength);
                        int segments = Segmenter.segments(ip, end, headerLength, mss);
                        for (int k = 0; k < segments; k++) {
                            ByteBuffer o = e.fragments ? whole.clear() : next(to, used, slot, out, toKernel);
                            int length = Segmenter.segment(b, ip, end, headerLength, mss, k, o, inner, !coalesced);
                            if (coalesced) {
                                VirtioHeader.plain(o, 0, OUTER_HEADER * 2, TCP_CHECKSUM);
                            }
                            outer(o, outer, e, length, coalesced);
                            if (e.fragments) {
                                fragments(whole, e, batch, used, out);
                            } else {
                                to.peer(used[slot]++, e.remote, 0);
                            }
                        }
                        continue;
                    }
                    if (end - ip > e.mtu) {
                        // The tunnel's route MTU has the kernel answer such a packet (RFC 2473 §7.1); one that got
                        // here all the same (routed before the MTU went down) would only be dropped further on.
                        tooBig.increment();
                        continue;
                    }
                    boolean partial = (Segmenter.flags(b, header) & Segmenter.NEEDS_CSUM) != 0;
                    if (partial && !coalesced) {
                        Segmenter.complete(b, ip + Segmenter.checksumStart(b, header),
                                Segmenter.checksumOffset(b, header), end);
                    }
                    if (end - ip > BUFFER) {
                        sendFailed.increment();
                        continue;
                    }
                    ByteBuffer o = e.fragments ? whole.clear() : next(to, used, slot, out, toKernel);
                    o.put(inner, b, ip, end - ip);
                    if (coalesced) {
                        VirtioHeader.plain(o, 0, partial ? OUTER_HEADER + Segmenter.checksumStart(b, header) : -1,
                                Segmenter.checksumOffset(b, header));
                    }
                    outer(o, outer, e, end - ip, coalesced);
                    if (e.fragments) {
                        fragments(whole, e, batch, used, out);
                    } else {
                        to.peer(used[slot]++, e.remote, 0);
                    }
                }
                used[0] = flush(out, null, batch, used[0]);
                if (joined != null) {
                    used[1] = flush(out, toKernel, joined, used[1]);
                }
            } catch (RuntimeException e) {
                used[0] = 0;
                used[1] = 0;
                counters.add("encap.error", 1);
                backOff();
            }
        }
    }

    /**
     * Puts the outer packet in {@code whole} (from 0 to its limit) into the raw socket's batch: as it is when it fits
     * the path to the far end, else as fragments (RFC 2473 §7.1 (b)) under one random identification (RFC 7739 §5.1:
     * not predictable from the packets seen before).
     */
    private void fragments(ByteBuffer whole, Entry e, PacketBatch batch, int[] used, RawSocket out) {
        int length = whole.limit();
        if (length <= e.pathMtu) {
            ByteBuffer o = next(batch, used, 0, out, null);
            o.put(0, whole, 0, length).position(0).limit(length);
            batch.peer(used[0]++, e.remote, 0);
            return;
        }
        int identification = ThreadLocalRandom.current().nextInt();
        for (int k = 0, n = OuterFragments.count(length, e.pathMtu); k < n; k++) {
            OuterFragments.fragment(whole, length, e.pathMtu, identification, k, next(batch, used, 0, out, null));
            batch.peer(used[0]++, e.remote, 0);
        }
        fragmented.increment();
    }

    /** The cleared buffer of the next free slot of {@code to}; a full batch is sent first. */
    private ByteBuffer next(PacketBatch to, int[] used, int slot, RawSocket out, TunDevice toKernel) {
        if (used[slot] == BATCH) {
            used[slot] = flush(out, slot == 1 ? toKernel : null, to, used[slot]);
        }
        ByteBuffer o = to.buffer(used[slot]);
        o.clear();
        return o;
    }

    /**
     * The outer header at {@code at}: version 6, flow label 0, the inner Traffic Class (RFC 2473 §6.5); Next Header
     * 41; Hop Limit 64 (§6.3) as it leaves — one more through the egress device, whose forwarding takes one.
     */
    private static void outer(ByteBuffer o, int at, Entry e, int innerLength, boolean forwarded) {
        int trafficClass = (o.getInt(at + OUTER_HEADER) >>> 20) & 0xff;
        o.putInt(at, 0x6000_0000 | trafficClass << 20);
        o.putShort(at + 4, (short) innerLength);
        o.put(at + 6, (byte) IPV6_IN_IPV6);
        o.put(at + 7, (byte) (forwarded ? TUNNEL_HOP_LIMIT + 1 : TUNNEL_HOP_LIMIT));
        o.putLong(at + 8, e.local.high());
        o.putLong(at + 16, e.local.low());
        o.putLong(at + 24, e.remote.high());
        o.putLong(at + 32, e.remote.low());
        o.position(0).limit(at + OUTER_HEADER + innerLength);
    }

    /** Sends packets 0..m-1 (to the egress device when there is one); returns 0, the next free slot. */
    private int flush(RawSocket out, TunDevice toKernel, PacketBatch batch, int m) {
        if (m > 0) {
            batch.count(m);
            int sent = toKernel != null ? toKernel.write(batch) : send(out, batch);
            encapsulated.add(sent);
            sendFailed.add(m - sent);
        }
        return 0;
    }

    /** A failing descriptor must not make a data thread spin. */
    private static void backOff() {
        try {
            Thread.sleep(ERROR_BACKOFF_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int send(RawSocket out, PacketBatch batch) {
        try {
            return out.send(batch);
        } catch (KernelException e) {
            return 0;
        }
    }


    /**
     * Far end to TUN: only from a registered far end to its local end, only inner sources it may use. The accepted
     * packets of a batch go through the {@link Coalescer} and are written with their virtio headers — except a packet
     * longer than the tunnel MTU, which GRO joined already on the way in (the far end's kernel or this link's): there
     * is nothing to join it with, so it is written from the receive buffer itself, its virtio header in the headroom,
     * instead of being copied into the coalescer (64 KiB a packet). The two kinds are written in the order they came:
     * whenever the next packet is of the other kind, what the previous kind holds is written first.
     */
    private void decapsulate() {
        RawSocket in = receiver;
        TunDevice tun = device;
        PacketBatch batch = in.newBatch(BATCH, MAX_PACKET, VirtioHeader.LENGTH);
        Coalescer joined = new Coalescer(tun.newBatch(BATCH, MAX_PACKET + VirtioHeader.LENGTH));
        TunnelIndex.Key probe = new TunnelIndex.Key();
        while (running) {
            try {
                int n = in.receive(batch, POLL_MILLIS);
                if (n == 0) {
                    continue;
                }
                int mtu = tunnelMtu;
                // Received packets [direct, i) that are written from the receive buffers, not yet written.
                int direct = -1;
                for (int i = 0; i < n; i++) {
                    ByteBuffer b = batch.buffer(i);
                    int ip = b.position();
                    // Several tunnels can share the end points (home addresses behind one care-of address):
                    // the packet belongs to the one whose accepted sources hold its inner source.
                    boolean known = false;
                    Entry e = null;
                    boolean inner = b.remaining() >= OUTER_HEADER && (b.get(ip) & 0xf0) == 0x60;
                    Object[] fromPeer = index.fromRemote(probe, batch.peerHigh(i), batch.peerLow(i));
                    for (int k = 0; fromPeer != null && k < fromPeer.length; k++) {
                        Entry t = (Entry) fromPeer[k];
                        if (batch.destinationHigh(i) == t.local.high() && batch.destinationLow(i) == t.local.low()) {
                            known = true;
                            if (inner && t.accepted.matches(b.getLong(ip + 8), b.getLong(ip + 16))) {
                                e = t;
                                break;
                            }
                        }
                    }
                    boolean accepted = false;
                    if (!known) {
                        unknownPeer.increment();
                    } else if (e == null) {
                        innerSource.increment();
                    } else if (batch.truncated(i)) {
                        // Longer than 64 KiB (a joined packet of a larger GRO size): cut, so not forwarded at all.
                        truncated.increment();
                    } else {
                        accepted = true;
                        decapsulated.increment();
                    }
                    if (!accepted) {
                        b.limit(ip);
                    } else if (b.remaining() > mtu) {
                        write(tun, joined, mtu);
                        VirtioHeader.prepend(b, mtu);
                        if (direct < 0) {
                            direct = i;
                        }
                    } else {
                        direct = writeDirect(tun, batch, direct, i);
                        if (joined.full()) {
                            write(tun, joined, mtu);
                        }
                        joined.offer(b, ip, b.limit(), mtu);
                        b.limit(ip);
                    }
                }
                writeDirect(tun, batch, direct, n);
                write(tun, joined, mtu);
            } catch (RuntimeException e) {
                counters.add("decap.error", 1);
                backOff();
            }
        }
    }

    /**
     * Writes received packets [from, to) of {@code batch} and empties them; returns -1, none pending. Every packet
     * before {@code to} that is not pending was emptied when it was dropped, joined or written, so it is skipped.
     */
    private int writeDirect(TunDevice tun, PacketBatch batch, int from, int to) {
        if (from < 0) {
            return -1;
        }
        batch.count(to);
        written.add(tun.write(batch));
        for (int k = from; k < to; k++) {
            ByteBuffer b = batch.buffer(k);
            b.limit(b.position());
        }
        return -1;
    }

    /** Writes what the coalescer holds; "written" counts the device writes, fewer than the packets when joined. */
    private void write(TunDevice tun, Coalescer joined, int mtu) {
        if (joined.finish(mtu) > 0) {
            written.add(tun.write(joined.batch()));
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>(counters.snapshot());
        synchronized (this) {
            out.put("tunnels", (long) open.size());
        }
        return out;
    }

    private synchronized void closed(TunTunnel t) {
        open.remove(t);
        unindexed(t);
        if (open.isEmpty()) {
            stop();
        } else {
            sharedRule = routing.sharedRule(driver, sharedRule, index.anyForward());
        }
    }

    @Override
    public synchronized void close() {
        for (TunTunnel t : List.copyOf(open)) {
            t.close();
        }
    }

    /** One tunnel: its routes into the device and its entry in the data threads' table. */
    private final class TunTunnel extends RoutedTunnel {

        /** Its entry in {@link #index}, made from {@link #spec}; null until indexed and once closed. */
        Entry entry;

        TunTunnel(TunnelSpec spec) {
            super(TunProvider.this.driver, TunProvider.this, TunProvider.this.tables, TunProvider.this.shared,
                    spec);
        }

        /** The routes into the device; with the far end's tunnel MTU as route MTU while its path is smaller. */
        @Override
        void install(TunnelSpec next) {
            int tun = device.interfaceIndex();
            int mtu = pathMtu.lowered(next.remote()) ? pathMtu.tunnelMtu(next.remote(), linkMtu) : 0;
            installed = installed.moveTo(driver, routing.plan(next, privateTable, p -> Route.to(p).dev(tun).mtu(mtu)),
                    shared);
            spec = next;
        }

        @Override
        void moved(TunnelSpec previous) {
            indexed(this);
        }

        @Override
        void forget() {
            closed(this);
        }

        @Override
        String providerName() {
            return NAME;
        }

        @Override
        Map<String, Long> providerCounters() {
            return TunProvider.this.counters();
        }
    }
}
