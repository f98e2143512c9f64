package mobility.netlink.tool;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftTables;

/** The {@link NftTables} service over the {@code nft} command (nftables' own netlink protocol is not spoken here). */
@Component(service = NftTables.class)
public class NftTablesComponent implements NftTables {

    @Override
    public NftTable install(NetworkNamespace namespace, String family, String name, String body) {
        check(family, name);
        Table table = new Table(namespace, family, name);
        table.replace(body);
        return table;
    }

    @Override
    public boolean remove(NetworkNamespace namespace, String family, String name) {
        check(family, name);
        boolean present = run(namespace, "list tables " + family, null).contains("table " + family + " " + name + "\n");
        if (present) {
            run(namespace, null, "add table " + family + " " + name + "\ndelete table " + family + " " + name + "\n");
        }
        return present;
    }

    private static void check(String family, String name) {
        if (!name.startsWith(KernelMarks.NFT_TABLE_PREFIX) || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("the platform's nftables tables are named "
                    + KernelMarks.NFT_TABLE_PREFIX + "..., not '" + name + "'");
        }
        if (!family.matches("inet|ip6|ip|netdev|bridge|arp")) {
            throw new IllegalArgumentException("not an nftables family: " + family);
        }
    }

    @Override
    public String ruleset(NetworkNamespace namespace) {
        return run(namespace, "list ruleset", null);
    }

    /** Runs {@code nft} with {@code arguments}, or with the script {@code script} on standard input. */
    static String run(NetworkNamespace namespace, String arguments, String script) {
        String request = script == null ? "nft " + arguments : "nft -f - (" + firstLine(script) + ")";
        List<String> command = script == null ? List.of(("nft " + arguments).split(" ")) : List.of("nft", "-f", "-");
        return Commands.run(namespace, command, script, request);
    }

    private static String firstLine(String script) {
        int nl = script.indexOf('\n');
        return nl < 0 ? script : script.substring(0, nl);
    }

    private static final class Table implements NftTable {

        private final NetworkNamespace namespace;
        private final String family;
        private final String name;
        private boolean closed;

        Table(NetworkNamespace namespace, String family, String name) {
            this.namespace = namespace;
            this.family = family;
            this.name = name;
        }

        /** "add" then "delete" makes the delete succeed whether or not the table exists; all in one transaction. */
        @Override
        public synchronized void replace(String body) {
            String qualified = family + " " + name;
            run(namespace, null, "add table " + qualified + "\ndelete table " + qualified + "\ntable " + qualified
                    + " {\n" + body + "\n}\n");
        }

        @Override
        public String list() {
            return run(namespace, "list table " + family + " " + name, null);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                String qualified = family + " " + name;
                run(namespace, null, "add table " + qualified + "\ndelete table " + qualified + "\n");
            }
        }
    }
}
