package mobility.mn;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.osgi.service.log.Logger;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketSocket;
import mobility.api.kernel.PacketSockets;
import mobility.api.net.Ipv6Address;
import mobility.api.stats.Counters;

/**
 * Which correspondents send to the home address through the home agent's tunnel (RFC 6275 §11.3.3: a packet that
 * arrives tunnelled from the home agent may prompt a Binding Update to its original sender, §11.7.2). A packet socket
 * on the care-of address's interface, bound for every protocol so it sees the outer IPv6-in-IPv6 header before a
 * TCX classifier takes it off (whatever the tunnel provider), with a filter that passes only the first 64 octets of
 * packets from the home agent to the home address that are not signalling, and not from a correspondent this node
 * already knows: those are left out of the filter itself, so a busy connection costs the JVM nothing once it was
 * seen. Each new original sender is reported once, on the caller's consumer (which hands it to the node's loop).
 */
final class TunnelledCorrespondents implements AutoCloseable {

    /** Correspondents left out in the filter at most; beyond that the node's own table drops repeats. */
    static final int EXCLUDED_IN_FILTER = 200;
    private static final int ETH_P_IPV6 = 0x86dd;
    private static final int PACKET_OTHERHOST = 3;
    private static final int PACKET_OUTGOING = 4;
    private static final int IPV6_IN_IPV6 = 41;
    private static final int MOBILITY_HEADER = 135;
    private static final int INNER = 40;
    private static final int SNAP = 64;

    private final PacketSockets sockets;
    private final NetworkNamespace namespace;
    private final Counters stats;
    private final Logger log;
    private final Consumer<Ipv6Address> seen;
    private PacketSocket socket;
    private Thread reader;
    private volatile boolean running;
    private int ifindex;
    private Ipv6Address homeAgent;
    private Ipv6Address homeAddress;

    TunnelledCorrespondents(PacketSockets sockets, NetworkNamespace namespace, Counters stats, Logger log,
            Consumer<Ipv6Address> seen) {
        this.sockets = sockets;
        this.namespace = namespace;
        this.stats = stats;
        this.log = log;
        this.seen = seen;
    }

    /**
     * Watches {@code interfaceIndex} for tunnelled traffic from {@code homeAgent} to {@code homeAddress}, leaving out
     * the correspondents in {@code known}; moves the watch when the interface changed.
     */
    synchronized void watch(int interfaceIndex, Ipv6Address homeAgent, Ipv6Address homeAddress,
            Collection<Ipv6Address> known) {
        BpfProgram filter = filter(homeAgent, homeAddress, known);
        if (socket != null && ifindex == interfaceIndex && homeAgent.equals(this.homeAgent)) {
            socket.filter(filter);
            return;
        }
        close();
        try {
            socket = sockets.openAllProtocols(namespace, interfaceIndex, filter);
        } catch (KernelException e) {
            stats.count("ro.trigger.open_failed");
            log.warn("cannot watch interface {} for correspondents' tunnelled traffic: {}", interfaceIndex,
                    e.getMessage());
            return;
        }
        this.ifindex = interfaceIndex;
        this.homeAgent = homeAgent;
        this.homeAddress = homeAddress;
        running = true;
        PacketSocket s = socket;
        reader = new Thread(() -> read(s), "mobility-mn-ro-trigger");
        reader.setDaemon(true);
        reader.start();
    }

    /** Updates the correspondents left out, on the socket already open. */
    synchronized void known(Collection<Ipv6Address> known) {
        if (socket != null) {
            socket.filter(filter(homeAgent, homeAddress, known));
        }
    }

    private void read(PacketSocket s) {
        PacketBatch batch = s.newBatch(16, SNAP);
        while (running) {
            try {
                int n = s.receive(batch, 500);
                for (int i = 0; i < n; i++) {
                    ByteBuffer b = batch.buffer(i);
                    if (b.limit() >= INNER + 24) {
                        seen.accept(Ipv6Address.of(b.getLong(INNER + 8), b.getLong(INNER + 16)));
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    stats.count("ro.trigger.receive_error");
                }
                return;
            }
        }
    }

    /**
     * IPv6 from the home agent to a care-of address carrying IPv6 to the home address whose next header is not a
     * Mobility Header (the tests and acknowledgements come their own way), not from a known correspondent: the
     * first {@value #SNAP} octets, which hold the inner source. Offsets from the outer IPv6 header (SOCK_DGRAM).
     */
    static BpfProgram filter(Ipv6Address homeAgent, Ipv6Address homeAddress, Collection<Ipv6Address> known) {
        BpfProgram.Builder b = BpfProgram.builder()
                .loadAncillary(0).jumpIfEqual(ETH_P_IPV6, null, "reject")
                .loadAncillary(4).jumpIfEqual(PACKET_OTHERHOST, "reject", null)
                .jumpIfEqual(PACKET_OUTGOING, "reject", null)
                .loadByte(6).jumpIfEqual(IPV6_IN_IPV6, null, "reject");
        address(b, 8, homeAgent);
        b.loadByte(INNER + 6).jumpIfEqual(MOBILITY_HEADER, "reject", null);
        address(b, INNER + 24, homeAddress);
        // Classic BPF jumps forward at most 255 instructions: the header checks reject just below, and each known
        // sender's block rejects by its own return, so no jump spans more than one block.
        b.jump("known0").label("reject").reject().label("known0");
        List<Ipv6Address> excluded = known.stream().limit(EXCLUDED_IN_FILTER).toList();
        for (int i = 0; i < excluded.size(); i++) {
            String next = "known" + (i + 1);
            int[] w = words(excluded.get(i));
            for (int k = 0; k < 4; k++) {
                b.loadWord(INNER + 8 + 4 * k).jumpIfEqual(w[k], null, next);
            }
            b.reject().label(next);
        }
        return b.accept(SNAP).build();
    }

    /** The four words at {@code offset} equal {@code a}, else reject. */
    private static void address(BpfProgram.Builder b, int offset, Ipv6Address a) {
        int[] w = words(a);
        for (int k = 0; k < 4; k++) {
            b.loadWord(offset + 4 * k).jumpIfEqual(w[k], null, "reject");
        }
    }

    private static int[] words(Ipv6Address a) {
        return new int[] {(int) (a.high() >>> 32), (int) a.high(), (int) (a.low() >>> 32), (int) a.low()};
    }

    @Override
    public synchronized void close() {
        running = false;
        if (socket != null) {
            socket.wakeUp();
            try {
                if (reader != null) {
                    reader.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.close();
            socket = null;
            reader = null;
        }
    }
}
