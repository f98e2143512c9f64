package mobility.api.kernel;

/** Kernel features the platform depends on, as the capability probe reports them. */
public enum KernelFeature {
    /** XFRM states and policies of the RFC 6275 route-optimisation types: Type 2 routing header and HAO. */
    MIP6_RO_XFRM("mip6-ro-xfrm"),
    /** IPv6-in-IPv6 tunnel links (RFC 2473), kind "ip6tnl". */
    IP6TNL("ip6tnl"),
    /** Routes with a seg6 encapsulation (SRv6 encap, encap.red, inline). */
    SEG6("seg6"),
    /** Routes with a seg6local action (End, End.DX6, End.DT6...). */
    SEG6LOCAL("seg6local"),
    /** ESP XFRM states (RFC 4303), which RFC 6275 §5.1 uses to protect binding updates. */
    ESP("esp"),
    /** XFRM policies (without transforms). */
    XFRM_POLICY("xfrm-policy"),
    /** TUN devices (/dev/net/tun). */
    TUN("tun"),
    /** Routes whose packets an eBPF program handles on transmit, and may encapsulate (lwtunnel bpf xmit). */
    LWT_BPF("lwt-bpf"),
    /** eBPF programs at a link's ingress, attached through a BPF link (TCX, Linux 6.6). */
    TCX("tcx"),
    /** Optimistic duplicate address detection (RFC 4429), which RFC 6275 §11.5.4 recommends after movement. */
    OPTIMISTIC_DAD("optimistic-dad");

    private final String label;

    KernelFeature(String label) {
        this.label = label;
    }

    /** The short name people and JSON documents use, e.g. "ip6tnl". */
    public String label() {
        return label;
    }
}
