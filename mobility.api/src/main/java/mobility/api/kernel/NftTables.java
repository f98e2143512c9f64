package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * nftables tables that the platform owns (names start with {@link KernelMarks#NFT_TABLE_PREFIX}): installed whole,
 * replaced atomically, deleted when closed.
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

        /** The table as {@code nft list table} prints it, with its counters. */
        String list();

        /** Deletes the table. */
        @Override
        void close();
    }
}
