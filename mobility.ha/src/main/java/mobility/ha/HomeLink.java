package mobility.ha;

import java.util.ArrayList;
import java.util.List;

import mobility.api.kernel.Address;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Link;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * A home link as the home agent serves it (RFC 6275 §10.1): its interface, the home agent's own addresses on it, and
 * the home subnet prefixes, read from the kernel so that configuration names only what the kernel cannot tell.
 */
record HomeLink(String name, int ifindex, byte[] linkLayerAddress, Ipv6Address globalAddress,
        Ipv6Address linkLocalAddress, List<Ipv6Prefix> prefixes) {

    /** Reads the link from the kernel; fails with a message naming the link and what is missing. */
    static HomeLink resolve(KernelDriver kernel, String name, List<Ipv6Prefix> configuredPrefixes,
            Ipv6Address configuredAddress) {
        Link link = kernel.links().get(name).orElseThrow(() -> new IllegalArgumentException(
                "mobility.ha homeLinks: no interface '" + name + "' in this network namespace"));
        Ipv6Address global = null;
        Ipv6Address linkLocal = null;
        List<Ipv6Prefix> onLink = new ArrayList<>();
        for (Address a : kernel.addresses().list()) {
            if (a.ifindex() != link.index() || a.protocol() == KernelMarks.PROTOCOL) {
                continue;
            }
            Ipv6Address addr = a.prefix().address();
            if (addr.isLinkLocal()) {
                linkLocal = linkLocal == null ? addr : linkLocal;
            } else if (!addr.isMulticast()) {
                if (!onLink.contains(a.prefix().network())) {
                    onLink.add(a.prefix().network());
                }
                if (global == null && (configuredAddress == null || configuredAddress.equals(addr))) {
                    global = addr;
                }
            }
        }
        if (configuredAddress != null && global == null) {
            throw new IllegalArgumentException("mobility.ha homeAgentAddress=" + configuredAddress
                    + " is not an address of " + name);
        }
        List<Ipv6Prefix> prefixes = configuredPrefixes.isEmpty() ? onLink : configuredPrefixes;
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("mobility.ha: " + name + " has no global prefix and homePrefixes "
                    + "is empty: nothing to serve");
        }
        return new HomeLink(name, link.index(), link.addressBytes(), global, linkLocal, List.copyOf(prefixes));
    }

    boolean serves(Ipv6Address homeAddress) {
        return prefixes.stream().anyMatch(p -> p.contains(homeAddress));
    }

    /** RFC 4291 §2.7.1: ff02::1:ffXX:XXXX for the low 24 bits of the address. */
    static Ipv6Address solicitedNode(Ipv6Address a) {
        return Ipv6Address.of(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (a.low() & 0xff_ffffL));
    }

    /** The link-local address with the home address's interface identifier (§10.4.1, L flag). */
    static Ipv6Address linkLocalOf(Ipv6Address a) {
        return Ipv6Address.of(0xfe80_0000_0000_0000L, a.low());
    }
}
