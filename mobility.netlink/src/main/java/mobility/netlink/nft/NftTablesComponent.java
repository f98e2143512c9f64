package mobility.netlink.nft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftTables;
import mobility.netlink.nl.Namespaces;

/**
 * The {@link NftTables} service over the {@code nft} command (nftables' own netlink protocol is not spoken here).
 * A child process inherits the network namespace of the thread that starts it, so {@code nft} is started from a
 * thread inside the namespace.
 */
@Component(service = NftTables.class)
public class NftTablesComponent implements NftTables {

    private static final int EIO = 5;
    private static final int ENOENT = 2;
    private static final long TIMEOUT_SECONDS = 10;

    @Override
    public NftTable install(NetworkNamespace namespace, String family, String name, String body) {
        if (!name.startsWith(KernelMarks.NFT_TABLE_PREFIX) || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("the platform's nftables tables are named "
                    + KernelMarks.NFT_TABLE_PREFIX + "..., not '" + name + "'");
        }
        if (!family.matches("inet|ip6|ip|netdev|bridge|arp")) {
            throw new IllegalArgumentException("not an nftables family: " + family);
        }
        Table table = new Table(namespace, family, name);
        table.replace(body);
        return table;
    }

    @Override
    public String ruleset(NetworkNamespace namespace) {
        return run(namespace, "list ruleset", null);
    }

    /** Runs {@code nft} with {@code arguments}, or with the script {@code script} on standard input. */
    static String run(NetworkNamespace namespace, String arguments, String script) {
        String request = script == null ? "nft " + arguments : "nft -f - (" + firstLine(script) + ")";
        return Namespaces.inside(namespace, () -> {
            ProcessBuilder pb = script == null
                    ? new ProcessBuilder(("nft " + arguments).split(" "))
                    : new ProcessBuilder("nft", "-f", "-");
            pb.redirectErrorStream(true);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new KernelException(request, ENOENT, "the nft command is not installed: " + e.getMessage());
            }
            if (script != null) {
                p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelException(request, EIO, "nft did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new KernelException(request, EIO, out.trim());
            }
            return out;
        });
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
