package mobility.netlink.tool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.NetworkNamespace;
import mobility.api.kernel.NftSetChange;
import mobility.api.kernel.NftTables;
import mobility.api.net.Ipv6Address;
import mobility.netlink.nft.NftSetElements;
import mobility.netlink.nl.Namespaces;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.NetlinkChannel;
import mobility.netlink.nl.NetlinkSocket;

/**
 * The {@link NftTables} service: a table is written whole by the {@code nft} command (its grammar is nft's), and
 * its named sets are changed element by element over nf_tables netlink, which costs one transaction and no process.
 */
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
        /** The nf_tables socket in the table's namespace, opened at the first set change. */
        private NetlinkChannel netfilter;

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

        /** Consecutive changes of one set and one kind share a message (up to its size); all in one transaction. */
        @Override
        public synchronized void updateSets(List<NftSetChange> changes) {
            List<NetlinkChannel.Request<?>> requests = new ArrayList<>();
            int i = 0;
            while (i < changes.size()) {
                NftSetChange first = changes.get(i);
                List<List<Ipv6Address>> keys = new ArrayList<>();
                while (i < changes.size() && keys.size() < NftSetElements.MAX_PER_MESSAGE
                        && changes.get(i).set().equals(first.set()) && changes.get(i).add() == first.add()) {
                    keys.add(changes.get(i).key());
                    i++;
                }
                var elements = new NftSetElements.Elements(NftSetElements.family(family), name, first.set(), keys);
                requests.add(new NetlinkChannel.Request<>(first.add() ? NftSetElements.ADD : NftSetElements.DELETE,
                        elements));
            }
            channel().executeTransaction(NftSetElements.SUBSYSTEM, requests);
        }

        @Override
        public synchronized Map<List<Ipv6Address>, Long> packets(String set, Collection<List<Ipv6Address>> keys) {
            Map<List<Ipv6Address>, Long> out = new HashMap<>();
            List<List<Ipv6Address>> all = List.copyOf(keys);
            for (int from = 0; from < all.size(); from += NftSetElements.MAX_PER_MESSAGE) {
                List<List<Ipv6Address>> part = all.subList(from,
                        Math.min(all.size(), from + NftSetElements.MAX_PER_MESSAGE));
                int width = part.get(0).size();
                channel().query(NftSetElements.GET,
                        new NftSetElements.Elements(NftSetElements.family(family), name, set, part),
                        (b, offset, length, type) -> NftSetElements.readPackets(b, offset, length, width, out));
            }
            return out;
        }

        private NetlinkChannel channel() {
            if (closed) {
                throw new IllegalStateException("table " + family + " " + name + " is closed");
            }
            if (netfilter == null) {
                netfilter = Namespaces.inside(namespace,
                        () -> new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_NETFILTER)));
            }
            return netfilter;
        }

        @Override
        public String list() {
            return run(namespace, "list table " + family + " " + name, null);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                if (netfilter != null) {
                    netfilter.close();
                    netfilter = null;
                }
                String qualified = family + " " + name;
                run(namespace, null, "add table " + qualified + "\ndelete table " + qualified + "\n");
            }
        }
    }
}
