package mobility.tunnel;

import java.util.List;
import java.util.function.Consumer;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.net.Ipv6Address;

/**
 * Receives the ICMPv6 Packet Too Big messages routers on the way to a tunnel's far end send to this tunnel entry
 * point about its outer packets (RFC 2473 §7.1, RFC 8201 §4), has {@link TunnelPathMtu} judge each, and tells its
 * owner which far end's tunnel MTU went down — or, after the aging time, up again. A raw ICMPv6 socket gets a copy of
 * every ICMPv6 message the node receives (checksum checked by the kernel); its filter lets only Packet Too Big
 * through. One thread, which also runs the aging once per poll.
 */
final class PacketTooBigReceiver implements AutoCloseable {

    private static final int ICMPV6 = 58;
    private static final int PACKET_TOO_BIG = 2;
    private static final int POLL_MILLIS = 200;
    private static final int BATCH = 16;
    /** RFC 4443 §2.4 (c): a message carries at most what fits in 1280 bytes. */
    private static final int BUFFER = 1280;

    private final RawSocket socket;
    private final TunnelPathMtu pathMtu;
    private final TunnelPathMtu.Tunnels tunnels;
    private final Consumer<Ipv6Address> changed;
    private final Counters counters;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param changed called on the receiver's thread with a far end whose tunnel MTU changed (lowered or aged out);
     *                it must not wait for a lock held while this receiver is {@link #close closed}
     */
    PacketTooBigReceiver(NetworkNamespace namespace, RawSockets rawSockets, TunnelPathMtu pathMtu,
            TunnelPathMtu.Tunnels tunnels, Consumer<Ipv6Address> changed, Counters counters, String owner) {
        this.pathMtu = pathMtu;
        this.tunnels = tunnels;
        this.changed = changed;
        this.counters = counters;
        socket = rawSockets.open(namespace, ICMPV6);
        // Offsets start at the ICMPv6 header: its type is the first byte.
        socket.filter(BpfProgram.builder().loadByte(0).jumpIfEqual(PACKET_TOO_BIG, null, "other").accept()
                .label("other").reject().build());
        thread = new Thread(this::run, "mobility-tunnel-pmtu-" + owner + "-" + namespace);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        PacketBatch batch = socket.newBatch(BATCH, BUFFER);
        Ipv6Address[] remote = new Ipv6Address[1];
        while (running) {
            try {
                int n = socket.receive(batch, POLL_MILLIS);
                long now = System.nanoTime();
                for (int i = 0; i < n && running; i++) {
                    if (pathMtu.judge(batch.buffer(i), tunnels, now, remote) == TunnelPathMtu.Verdict.LOWERED) {
                        changed.accept(remote[0]);
                    }
                }
                List<Ipv6Address> aged = pathMtu.expire(now);
                for (Ipv6Address far : aged) {
                    if (running) {
                        changed.accept(far);
                    }
                }
            } catch (KernelException | IllegalStateException e) {
                counters.add("pmtu.error", 1);
                try {
                    Thread.sleep(POLL_MILLIS / 20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        socket.wakeUp();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.close();
    }
}
