package mobility.api.kernel;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/** Network interfaces: listing, up and down, the links the platform creates, and their changes. */
@ProviderType
public interface Links {

    List<Link> list();

    Optional<Link> get(String name);

    /** The link named {@code name}, or a {@link KernelException} with ENODEV. */
    Link require(String name);

    void setUp(String name, boolean up);

    void setMtu(String name, int mtu);

    /**
     * Creates a veth pair; both names must start with {@link KernelMarks#LINK_PREFIX}. Used for tests and for
     * connecting namespaces.
     */
    void addVethPair(String name, String peerName);

    /**
     * Creates an RFC 2473 IPv6-in-IPv6 tunnel (ip6tnl) between {@code local} and {@code remote}, optionally bound to
     * {@code underlying} ({@code null} for none). {@link KernelFeatureMissingException} where the kernel has no ip6tnl.
     */
    void addIp6Tunnel(String name, Ipv6Address local, Ipv6Address remote, String underlying);

    /** Removes a link the platform created (its name starts with {@link KernelMarks#LINK_PREFIX}). */
    void delete(String name);

    Subscription subscribe(KernelListener<Link> listener);
}
