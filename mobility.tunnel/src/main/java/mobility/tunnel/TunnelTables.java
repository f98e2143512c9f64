package mobility.tunnel;

import java.util.BitSet;

import mobility.api.kernel.KernelMarks;

/**
 * The routing tables and rule priorities of one provider, inside the platform's ranges (KernelMarks). Rules are
 * looked up in priority order: the seg6 decapsulation rules come first, then each provider's rules; a provider's
 * shared table holds the home agent's routes into the tunnels, and each mobile node reverse tunnel gets a table of
 * its own that a "from home address" rule selects (RFC 6275 §11.3.1: traffic from the home address goes through
 * the tunnel).
 *
 * @param sharedTable      the table of the routes towards the far ends (a home agent's home addresses)
 * @param sharedPriority   the rule that looks it up
 * @param firstPrivate     first table for reverse tunnels
 * @param lastPrivate      last table for reverse tunnels
 * @param reversePriority  the "from home address lookup local" rule; the reverse tunnel's rule follows at +1
 */
record TunnelTables(int sharedTable, int sharedPriority, int firstPrivate, int lastPrivate, int reversePriority) {

    /** seg6: decapsulation by seg6local End.DT6 routes in this table, selected by rules at this priority. */
    static final int SEG6_DECAP_TABLE = KernelMarks.FIRST_TABLE + 0x11;
    static final int SEG6_DECAP_PRIORITY = KernelMarks.FIRST_RULE_PRIORITY;
    /**
     * Where the local table's rule moves while seg6 decapsulates (kernel.md: otherwise it wins over the decap
     * rules): after every platform rule, outside the platform's range.
     */
    static final int LOCAL_RULE_PRIORITY = KernelMarks.LAST_RULE_PRIORITY + 1;

    static final TunnelTables SEG6 = new TunnelTables(KernelMarks.FIRST_TABLE + 0x12,
            KernelMarks.FIRST_RULE_PRIORITY + 20, KernelMarks.FIRST_TABLE + 0x20, KernelMarks.FIRST_TABLE + 0x3f,
            KernelMarks.FIRST_RULE_PRIORITY + 30);
    static final TunnelTables TUN = new TunnelTables(KernelMarks.FIRST_TABLE + 0x40,
            KernelMarks.FIRST_RULE_PRIORITY + 40, KernelMarks.FIRST_TABLE + 0x41, KernelMarks.FIRST_TABLE + 0x4f,
            KernelMarks.FIRST_RULE_PRIORITY + 50);
    static final TunnelTables IP6TNL = new TunnelTables(KernelMarks.FIRST_TABLE + 0x50,
            KernelMarks.FIRST_RULE_PRIORITY + 60, KernelMarks.FIRST_TABLE + 0x51, KernelMarks.FIRST_TABLE + 0x5f,
            KernelMarks.FIRST_RULE_PRIORITY + 70);
    static final TunnelTables BPF = new TunnelTables(KernelMarks.FIRST_TABLE + 0x60,
            KernelMarks.FIRST_RULE_PRIORITY + 80, KernelMarks.FIRST_TABLE + 0x61, KernelMarks.FIRST_TABLE + 0x6f,
            KernelMarks.FIRST_RULE_PRIORITY + 90);

    /** Hands out the private tables of one provider. */
    static final class Allocator {
        private final TunnelTables tables;
        private final BitSet used = new BitSet();

        Allocator(TunnelTables tables) {
            this.tables = tables;
        }

        synchronized int take() {
            int i = used.nextClearBit(0);
            if (tables.firstPrivate + i > tables.lastPrivate) {
                throw new IllegalStateException("no routing table left for another reverse tunnel ("
                        + (tables.lastPrivate - tables.firstPrivate + 1) + " in use)");
            }
            used.set(i);
            return tables.firstPrivate + i;
        }

        synchronized void give(int table) {
            used.clear(table - tables.firstPrivate);
        }
    }
}
