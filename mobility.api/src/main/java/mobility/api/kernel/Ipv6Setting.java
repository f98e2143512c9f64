package mobility.api.kernel;

/** Per-interface IPv6 settings (net.ipv6.conf.IF.*, ip-sysctl.rst) that the Mobile IPv6 roles change. */
public enum Ipv6Setting {
    /** Routes packets not addressed to this node: on for a home agent. */
    FORWARDING("forwarding"),
    /**
     * Routes the packets that arrive on this one interface even while forwarding is off, without making the node a
     * router anywhere else (Linux 6.17 and later; an older kernel has no such setting).
     */
    FORCE_FORWARDING("force_forwarding"),
    /** Accepts router advertisements; 2 = even while forwarding. */
    ACCEPT_RA("accept_ra"),
    /** Learns a default router from advertisements. */
    ACCEPT_RA_DEFRTR("accept_ra_defrtr"),
    /** Autoconfigures addresses from advertised prefixes. */
    AUTOCONF("autoconf"),
    /** Answers solicitations for proxy entries: on for a home agent's home link. */
    PROXY_NDP("proxy_ndp"),
    /** Uses optimistic DAD (RFC 4429). */
    OPTIMISTIC_DAD("optimistic_dad"),
    /** Prefers optimistic addresses as sources. */
    USE_OPTIMISTIC("use_optimistic"),
    /** Runs DAD: 0 off, 1 on, 2 on and disable IPv6 on a duplicate link-local. */
    ACCEPT_DAD("accept_dad"),
    /** Number of DAD probes. */
    DAD_TRANSMITS("dad_transmits"),
    /** Router solicitations sent after the link comes up. */
    ROUTER_SOLICITATIONS("router_solicitations"),
    /**
     * How the interface's link-local address is made: 0 EUI-64, 1 none, 2 stable privacy, 3 random. With none the
     * interface has no link-local address, so the kernel sends nothing of its own from it (no Router Solicitation,
     * RFC 4861 §6.3.7, no DAD, RFC 4862 §5.4) while it still receives and forwards.
     */
    ADDR_GEN_MODE("addr_gen_mode"),
    /** Disables IPv6 on the interface. */
    DISABLE_IPV6("disable_ipv6"),
    /** The interface's IPv6 MTU. */
    MTU("mtu");

    private final String key;

    Ipv6Setting(String key) {
        this.key = key;
    }

    /** The name of the sysctl under net.ipv6.conf.IF. */
    public String key() {
        return key;
    }
}
