package mobility.api.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Prefix;

/**
 * IPv6 interface addresses. DAD progress shows in the events: an address first reported {@link
 * AddressFlag#TENTATIVE}, then without it (DAD passed) or with {@link AddressFlag#DADFAILED}.
 */
@ProviderType
public interface Addresses {

    /** Adds the address with its flags and lifetimes; EEXIST when it is there already. */
    void add(Address address);

    /** Adds the address, or updates the flags and lifetimes of the one there (NLM_F_REPLACE). */
    void replace(Address address);

    void remove(int ifindex, Ipv6Prefix prefix);

    List<Address> list();

    Subscription subscribe(KernelListener<Address> listener);
}
