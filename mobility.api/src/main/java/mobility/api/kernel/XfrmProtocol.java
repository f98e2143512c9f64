package mobility.api.kernel;

/** Transform protocols of XFRM states and templates, by their IP protocol numbers. */
public enum XfrmProtocol {
    /** RFC 4303. */
    ESP(50, KernelFeature.ESP),
    /** RFC 4302. */
    AH(51, KernelFeature.ESP),
    /** RFC 6275 §6.4: the Type 2 routing header, IPPROTO_ROUTING in XFRM. */
    ROUTING2(43, KernelFeature.MIP6_RO_XFRM),
    /** RFC 6275 §6.3: the Home Address destination option, IPPROTO_DSTOPTS in XFRM. */
    HOME_ADDRESS_OPTION(60, KernelFeature.MIP6_RO_XFRM);

    private final int number;
    private final KernelFeature feature;

    XfrmProtocol(int number, KernelFeature feature) {
        this.number = number;
        this.feature = feature;
    }

    public int number() {
        return number;
    }

    /** The kernel feature a state of this protocol needs. */
    public KernelFeature feature() {
        return feature;
    }

    public static XfrmProtocol of(int number) {
        for (XfrmProtocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("XFRM protocol " + number);
    }
}
