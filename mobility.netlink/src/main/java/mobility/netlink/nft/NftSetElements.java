package mobility.netlink.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;
import mobility.netlink.nl.Operation;

/**
 * The nf_tables messages about elements of a named set (linux/netfilter/nf_tables.h): add, delete and get, each
 * carrying many elements, and the reading of an element's counter from the kernel's answer. A key is the
 * concatenation of IPv6 addresses ({@code type ipv6_addr . ipv6_addr}): each component fills whole 4-byte
 * registers, so the addresses are simply written one after the other.
 */
public final class NftSetElements {

    /** NFNL_SUBSYS_NFTABLES: the high byte of every nf_tables message type, and a transaction's res_id. */
    public static final int SUBSYSTEM = 10;
    private static final int NFT_MSG_NEWSETELEM = 12;
    private static final int NFT_MSG_GETSETELEM = 13;
    private static final int NFT_MSG_DELSETELEM = 14;

    private static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final int NFTA_SET_ELEM_LIST_SET = 2;
    private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    private static final int NFTA_LIST_ELEM = 1;
    private static final int NFTA_SET_ELEM_KEY = 1;
    private static final int NFTA_SET_ELEM_EXPR = 7;
    private static final int NFTA_SET_ELEM_EXPRESSIONS = 11;
    private static final int NFTA_DATA_VALUE = 1;
    private static final int NFTA_EXPR_NAME = 1;
    private static final int NFTA_EXPR_DATA = 2;
    private static final int NFTA_COUNTER_PACKETS = 2;

    /** An attribute's length is 16 bits: a message carries at most this many elements (44 bytes each). */
    public static final int MAX_PER_MESSAGE = 512;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** Elements of set {@code set} in table {@code table} of nftables family {@code family} (NFPROTO_*). */
    public record Elements(int family, String table, String set, List<List<Ipv6Address>> keys) {
    }

    /** NLM_F_CREATE without NLM_F_EXCL: an element that is there already is no error. */
    public static final Operation<Elements> ADD = Operation.of("NFT_MSG_NEWSETELEM",
            SUBSYSTEM << 8 | NFT_MSG_NEWSETELEM, Netlink.NLM_F_CREATE, NftSetElements::encode,
            NftSetElements::describe);
    public static final Operation<Elements> DELETE = Operation.of("NFT_MSG_DELSETELEM",
            SUBSYSTEM << 8 | NFT_MSG_DELSETELEM, 0, NftSetElements::encode, NftSetElements::describe);
    /** Not a dump: the kernel answers one NFT_MSG_NEWSETELEM per element asked for, then the acknowledgement. */
    public static final Operation<Elements> GET = Operation.of("NFT_MSG_GETSETELEM",
            SUBSYSTEM << 8 | NFT_MSG_GETSETELEM, 0, NftSetElements::encode, NftSetElements::describe);

    private NftSetElements() {
    }

    /** NFPROTO_* of an nftables family name. */
    public static int family(String name) {
        return switch (name) {
            case "inet" -> 1;
            case "ip" -> 2;
            case "arp" -> 3;
            case "netdev" -> 5;
            case "bridge" -> 7;
            case "ip6" -> 10;
            default -> throw new IllegalArgumentException("not an nftables family: " + name);
        };
    }

    /** struct nfgenmsg, then the table, the set and the list of elements, each with its key only. */
    static void encode(MessageWriter w, Elements e) {
        if (e.keys().size() > MAX_PER_MESSAGE) {
            throw new IllegalArgumentException(e.keys().size() + " elements in one message; at most "
                    + MAX_PER_MESSAGE);
        }
        w.u8(e.family()).u8(Netlink.NFNETLINK_V0).be16(0);
        w.attributeString(NFTA_SET_ELEM_LIST_TABLE, e.table());
        w.attributeString(NFTA_SET_ELEM_LIST_SET, e.set());
        int list = w.beginNest(NFTA_SET_ELEM_LIST_ELEMENTS);
        for (List<Ipv6Address> key : e.keys()) {
            int element = w.beginNest(NFTA_LIST_ELEM);
            int keyNest = w.beginNest(NFTA_SET_ELEM_KEY);
            int value = w.beginNest(NFTA_DATA_VALUE);
            for (Ipv6Address a : key) {
                w.address(a);
            }
            w.endNest(value);
            w.endNest(keyNest);
            w.endNest(element);
        }
        w.endNest(list);
    }

    private static String describe(Elements e) {
        return e.table() + " " + e.set() + " " + e.keys().size() + " element(s), first "
                + (e.keys().isEmpty() ? "none" : e.keys().get(0));
    }

    /**
     * Reads the elements of one NFT_MSG_NEWSETELEM answer into {@code packets}: each key (of
     * {@code addressesPerKey} addresses) with its counter's packets; an element without a counter counts 0.
     */
    public static void readPackets(ByteBuffer b, int offset, int length, int addressesPerKey,
            Map<List<Ipv6Address>, Long> packets) {
        Attributes top = new Attributes().reset(b, offset + Netlink.HEADER_LENGTH + 4, offset + length);
        while (top.next()) {
            if (top.type() != NFTA_SET_ELEM_LIST_ELEMENTS) {
                continue;
            }
            Attributes elements = new Attributes().reset(b, top.valueOffset(), top.valueEnd());
            while (elements.next()) {
                Attributes element = new Attributes().reset(b, elements.valueOffset(), elements.valueEnd());
                List<Ipv6Address> key = null;
                long count = 0;
                while (element.next()) {
                    if (element.type() == NFTA_SET_ELEM_KEY) {
                        key = key(b, element, addressesPerKey);
                    } else if (element.type() == NFTA_SET_ELEM_EXPR) {
                        count += counterPackets(b, element.valueOffset(), element.valueEnd());
                    } else if (element.type() == NFTA_SET_ELEM_EXPRESSIONS) {
                        Attributes list = new Attributes().reset(b, element.valueOffset(), element.valueEnd());
                        while (list.next()) {
                            count += counterPackets(b, list.valueOffset(), list.valueEnd());
                        }
                    }
                }
                if (key != null) {
                    packets.merge(key, count, Long::sum);
                }
            }
        }
    }

    private static List<Ipv6Address> key(ByteBuffer b, Attributes keyNest, int addressesPerKey) {
        Attributes data = new Attributes().reset(b, keyNest.valueOffset(), keyNest.valueEnd());
        while (data.next()) {
            if (data.type() == NFTA_DATA_VALUE && data.valueLength() == 16 * addressesPerKey) {
                Ipv6Address[] key = new Ipv6Address[addressesPerKey];
                for (int i = 0; i < addressesPerKey; i++) {
                    key[i] = Attributes.address(b, data.valueOffset() + 16 * i);
                }
                return List.of(key);
            }
        }
        return null;
    }

    /** An expression (NFTA_EXPR_NAME, NFTA_EXPR_DATA): a counter's packets, 0 for any other expression. */
    private static long counterPackets(ByteBuffer b, int from, int to) {
        Attributes expr = new Attributes().reset(b, from, to);
        boolean counter = false;
        int dataFrom = -1;
        int dataTo = -1;
        while (expr.next()) {
            if (expr.type() == NFTA_EXPR_NAME) {
                counter = "counter".equals(expr.string());
            } else if (expr.type() == NFTA_EXPR_DATA) {
                dataFrom = expr.valueOffset();
                dataTo = expr.valueEnd();
            }
        }
        if (!counter || dataFrom < 0) {
            return 0;
        }
        Attributes data = new Attributes().reset(b, dataFrom, dataTo);
        while (data.next()) {
            if (data.type() == NFTA_COUNTER_PACKETS && data.valueLength() == 8) {
                long v = b.getLong(data.valueOffset());
                return LITTLE_ENDIAN ? Long.reverseBytes(v) : v;
            }
        }
        return 0;
    }
}
