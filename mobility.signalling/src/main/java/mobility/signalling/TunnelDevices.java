package mobility.signalling;

import java.util.Arrays;
import java.util.TreeSet;

import mobility.api.kernel.Change;
import mobility.api.kernel.KernelListener;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.kernel.Links;
import mobility.api.kernel.Subscription;

/**
 * The interfaces whose received packets came out of one of the platform's IPv6-in-IPv6 tunnels (RFC 2473): the
 * kernel's tunnel devices of the ip6tnl provider (kind "ip6tnl") and the TUN device the user-space provider writes
 * decapsulated packets into (kind "tun"), both named with {@link KernelMarks#LINK_PREFIX}. Such a device accepts
 * only what its tunnels' far ends send (ip6tnl: its configured remote; the user-space provider checks the outer
 * source against its open tunnels), so a packet received on it is tunnelled from a far end the path cannot name:
 * {@code Arrival.tunnelled(null, null)}, which {@code tunnelledFrom} reads as "from the tunnel's far end". A TUN or
 * ip6tnl device the platform did not make (a VPN) is not counted: nothing says whom its packets came from.
 * Followed through link events; lost events make the next question list the links again.
 */
final class TunnelDevices implements AutoCloseable {

    static final String IP6TNL = "ip6tnl";
    static final String TUN = "tun";

    /** Sorted, replaced whole on a change (rare): asked for every received packet without boxing or locking. */
    private volatile int[] indexes = new int[0];
    private final Links links;
    private final Subscription events;
    private volatile boolean stale;

    TunnelDevices(Links links) {
        this.links = links;
        // Subscribed before the listing, so that nothing created in between is missed.
        events = links.subscribe(new KernelListener<>() {
            @Override
            public void changed(Change change, Link link) {
                note(change != Change.DELETED, link);
            }

            @Override
            public void eventsLost() {
                // Listed again by the next receiving thread that asks, not on the driver's event thread.
                stale = true;
            }
        });
        relist();
    }

    /** Whether {@code link} is one of the platform's tunnel devices. */
    static boolean isTunnel(Link link) {
        return (IP6TNL.equals(link.kind()) || TUN.equals(link.kind())) && link.name() != null
                && KernelMarks.isPlatformLink(link.name());
    }

    private synchronized void relist() {
        TreeSet<Integer> now = new TreeSet<>();
        for (Link l : links.list()) {
            if (isTunnel(l)) {
                now.add(l.index());
            }
        }
        indexes = now.stream().mapToInt(Integer::intValue).toArray();
    }

    private synchronized void note(boolean present, Link link) {
        int[] now = indexes;
        boolean there = Arrays.binarySearch(now, link.index()) >= 0;
        boolean tunnel = present && isTunnel(link);
        if (tunnel && !there) {
            int[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = link.index();
            Arrays.sort(more);
            indexes = more;
        } else if (!tunnel && there) {
            indexes = Arrays.stream(now).filter(i -> i != link.index()).toArray();
        }
    }

    /** Whether interface {@code index} is one of the platform's tunnel devices. */
    boolean contains(int index) {
        if (stale) {
            stale = false;
            relist();
        }
        int[] now = indexes;
        return now.length != 0 && Arrays.binarySearch(now, index) >= 0;
    }

    @Override
    public void close() {
        events.close();
    }
}
