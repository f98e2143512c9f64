package mobility.mn;

import java.util.List;

import mobility.api.kernel.Address;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Route;
import mobility.api.kernel.RouteType;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.stats.Counters;

/**
 * What the kernel keeps of the links the node left behind, and takes away here (RFC 6275 §11.5.1: after a move the
 * old link's information must not be used): default routes through routers of the old link, prefix routes of prefixes
 * the new link does not advertise (the home prefix above all), and on a link-down the addresses and routes formed
 * there. Confined to one thread.
 */
final class LinkCleanup {

    /** rtnetlink.h: routes the kernel learned from Router Advertisements. */
    static final int RTPROT_RA = 9;

    private final KernelDriver kernel;
    private final Ipv6Prefix homeAddressPrefix;
    private final Ipv6Address homeAddress;
    private final MovementDetector detector;
    private final Reattachment reattachment;
    private final Counters stats;

    LinkCleanup(KernelDriver kernel, Ipv6Prefix homeAddressPrefix, MovementDetector detector,
            Reattachment reattachment, Counters stats) {
        this.kernel = kernel;
        this.homeAddressPrefix = homeAddressPrefix;
        this.homeAddress = homeAddressPrefix.address();
        this.detector = detector;
        this.reattachment = reattachment;
        this.stats = stats;
    }

    /**
     * §11.5.1: a new default router on the same interface, without a carrier change (a move seen only in Router
     * Advertisements): the kernel keeps the old router's default route until its lifetime ends and may still send
     * the next Binding Update through it, so routes through every other router on that interface go now.
     */
    void forgetOtherRouters(Location l) {
        reattachment.routerIs(l.ifindex(), l.router());
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            if (r.ifindex() == l.ifindex() && r.protocol() == RTPROT_RA && r.gateway() != null
                    && !r.gateway().equals(l.router())) {
                if (KernelEdits.remove(kernel, r)) {
                    stats.count("route.flushed");
                }
            }
        }
    }

    /**
     * Away from home, only the prefixes the current router advertises are on-link (RFC 4861 §5.2, §6.3.4: the Prefix
     * List decides what is reached without a router). The kernel keeps a prefix route it learned from a Router
     * Advertisement until its valid lifetime ends, also after the addresses in it are gone and the node has moved
     * (hours with the home link's lifetimes). A stale route for the home prefix makes the home agent look on-link: the
     * Binding Update waits for a neighbour that is not there and is never sent (§11.5.1: after a move the old link's
     * information must not be used). So, on a visited link, the home prefix is off-link everywhere, and every other
     * prefix on this link's interface that its router does not advertise goes too.
     */
    void forgetPrefixesOfOtherLinks(Location l) {
        List<Ipv6Prefix> advertised = detector.onLinkPrefixes(l.ifindex());
        Ipv6Prefix homePrefix = homeAddressPrefix.network();
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            Ipv6Prefix d = r.destination();
            if (r.gateway() != null || r.protocol() == KernelMarks.PROTOCOL || r.type() != RouteType.UNICAST
                    || r.source() != null || d.length() == 0 || d.address().isLinkLocal()) {
                continue;
            }
            boolean home = d.equals(homePrefix);
            boolean elsewhere = r.ifindex() == l.ifindex() && d.length() < 128 && !advertised.contains(d);
            if ((home || elsewhere) && KernelEdits.remove(kernel, r)) {
                stats.count("prefix.flushed");
            }
        }
    }

    /**
     * The link went: the kernel keeps, across a carrier change, the addresses it formed there and the default routes
     * it learned from its routers. Left in place, a stale default route sends the next Binding Update to a router
     * that is no longer there until neighbour unreachability detection gives up (§11.5.1).
     */
    void forgetLink(int ifindex) {
        reattachment.forgetAddress(ifindex);
        for (Route r : kernel.routes().list(Route.MAIN_TABLE)) {
            if (r.ifindex() == ifindex && r.protocol() == RTPROT_RA && KernelEdits.remove(kernel, r)) {
                stats.count("route.flushed");
            }
        }
        for (Address a : kernel.addresses().list()) {
            Ipv6Address addr = a.prefix().address();
            if (a.ifindex() == ifindex && !addr.isLinkLocal() && !addr.equals(homeAddress)
                    && a.protocol() != KernelMarks.PROTOCOL) {
                KernelEdits.remove(kernel, a);
                stats.count("address.flushed");
            }
        }
    }
}
