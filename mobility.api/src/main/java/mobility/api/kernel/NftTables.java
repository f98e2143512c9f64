package mobility.api.kernel;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import mobility.api.net.Ipv6Address;

/**
 * nftables tables that the platform owns (names start with {@link KernelMarks#NFT_TABLE_PREFIX}): installed whole,
 * replaced atomically, their named sets changed element by element, deleted when closed.
 */
@ProviderType
public interface NftTables {

    /**
     * Installs table {@code name} of {@code family} ("inet", "ip6", "netdev") with {@code body} (the chains and
     * rules between the table's braces), replacing a table of that name left by an earlier run.
     */
    NftTable install(NetworkNamespace namespace, String family, String name, String body);

    /**
     * Deletes table {@code name} of {@code family} if it exists: what a run that was killed left behind.
     *
     * @return whether there was one
     */
    boolean remove(NetworkNamespace namespace, String family, String name);

    /** The namespace's whole ruleset as {@code nft list ruleset} prints it. */
    String ruleset(NetworkNamespace namespace);

    /** One installed table. */
    @ProviderType
    interface NftTable extends AutoCloseable {

        /** Replaces the table's chains and rules in one transaction. */
        void replace(String body);

        /**
         * Adds and removes elements of the table's named sets in one transaction: the kernel applies all of the
         * changes or none. Adding an element that is there is no error; removing one that is not is.
         */
        void updateSets(List<NftSetChange> changes);

        /**
         * The packet counts of elements of a set declared with {@code counter}, each key with its count; every key
         * asked for must be in the set.
         */
        Map<List<Ipv6Address>, Long> packets(String set, Collection<List<Ipv6Address>> keys);

        /** The table as {@code nft list table} prints it, with its counters. */
        String list();

        /** Deletes the table. */
        @Override
        void close();
    }
}
