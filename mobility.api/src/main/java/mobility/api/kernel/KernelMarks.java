package mobility.api.kernel;

/**
 * The marks every kernel object the platform creates carries, so that a driver can find and remove the platform's
 * objects when it stops or after a crash, and never touch anyone else's. Drivers set them; roles choose their
 * tables and rule priorities from the ranges here.
 */
public final class KernelMarks {

    /**
     * Route, rule, address and neighbour protocol number (RTPROT_*, FRA_PROTOCOL, IFA_PROTO, NDA_PROTOCOL) of the
     * platform; 77 is not assigned in rtnetlink.h or iproute2's rt_protos.
     */
    public static final int PROTOCOL = 77;

    /** Routing tables [{@value #FIRST_TABLE}, {@value #LAST_TABLE}] belong to the platform entirely. */
    public static final int FIRST_TABLE = 0x4d00;
    public static final int LAST_TABLE = 0x4dff;

    /** Policy rule priorities [{@value #FIRST_RULE_PRIORITY}, {@value #LAST_RULE_PRIORITY}]. */
    public static final int FIRST_RULE_PRIORITY = 19_700;
    public static final int LAST_RULE_PRIORITY = 19_799;

    /** XFRM policy priorities [{@value #FIRST_XFRM_PRIORITY}, {@value #LAST_XFRM_PRIORITY}]. */
    public static final int FIRST_XFRM_PRIORITY = 0x4d00;
    public static final int LAST_XFRM_PRIORITY = 0x4dff;

    /** XFRM state request ids [{@value #FIRST_XFRM_REQID}, {@value #LAST_XFRM_REQID}]. */
    public static final int FIRST_XFRM_REQID = 0x4d0000;
    public static final int LAST_XFRM_REQID = 0x4dffff;

    /** Every link the platform creates has a name starting with this. */
    public static final String LINK_PREFIX = "mip";

    /** Every nftables table the platform creates has a name starting with this. */
    public static final String NFT_TABLE_PREFIX = "mobility_";

    private KernelMarks() {
    }

    public static boolean isPlatformTable(int table) {
        return table >= FIRST_TABLE && table <= LAST_TABLE;
    }

    public static boolean isPlatformRulePriority(int priority) {
        return priority >= FIRST_RULE_PRIORITY && priority <= LAST_RULE_PRIORITY;
    }

    public static boolean isPlatformXfrmPriority(long priority) {
        return priority >= FIRST_XFRM_PRIORITY && priority <= LAST_XFRM_PRIORITY;
    }

    public static boolean isPlatformReqid(long reqid) {
        return reqid >= FIRST_XFRM_REQID && reqid <= LAST_XFRM_REQID;
    }

    public static boolean isPlatformLink(String name) {
        return name.startsWith(LINK_PREFIX);
    }
}
