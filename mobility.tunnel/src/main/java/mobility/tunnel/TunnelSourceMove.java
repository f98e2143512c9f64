package mobility.tunnel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.Seg6TunnelSource;
import mobility.api.net.Ipv6Address;

/**
 * A change of the seg6 tunnel source ({@code ip sr tunsrc}, the outer source of every seg6 encapsulation) made beside
 * the rest of a tunnel's move. The kernel publishes the new source at once but answers only after an RCU grace period
 * (net/ipv6/seg6.c: seg6_genl_set_tunsrc calls synchronize_net): 7 to 130 ms in the handover bench on a loaded 2-core
 * machine. Waited for before the decapsulation routes and the firewall's pairs, it kept a mobile node from taking in
 * what its home agent already tunnelled to the new care-of address (RFC 6275 §11.5.2 moves the tunnel with the
 * care-of address). Started first, the source is in place long before the first reply needs it, and the move still
 * ends only when the kernel has answered, so a refusal is reported as before.
 */
final class TunnelSourceMove {

    private final CompletableFuture<Void> answered = new CompletableFuture<>();

    private TunnelSourceMove() {
    }

    /** Asks the kernel for {@code source} on a thread of its own; the caller goes on with the move. */
    static TunnelSourceMove start(Seg6TunnelSource tunnelSource, NetworkNamespace namespace, Ipv6Address source) {
        TunnelSourceMove move = new TunnelSourceMove();
        Thread t = new Thread(() -> {
            try {
                tunnelSource.set(namespace, source);
                move.answered.complete(null);
            } catch (RuntimeException | Error e) {
                move.answered.completeExceptionally(e);
            }
        }, "seg6-tunnel-source");
        t.setDaemon(true);
        t.start();
        return move;
    }

    /** Waits for the kernel's answer; its refusal is thrown here. */
    void await() {
        try {
            answered.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Waits for the kernel's answer, whatever it is (the move failed anyway). */
    void awaitQuietly() {
        answered.handle((v, e) -> null).join();
    }
}
