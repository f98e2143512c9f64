package mobility.api.kernel;

import java.util.Objects;

/**
 * A route whose packets an eBPF program handles on transmit (lwtunnel "bpf xmit"): the program of type
 * {@link EbpfProgram.Type#LWT_XMIT} may put headers in front of the packet (bpf_lwt_push_encap), for which the route
 * reserves {@code headroom} bytes. A route read back from the kernel carries the program's name only
 * ({@code program} null).
 */
public record BpfEncap(EbpfProgram.Loaded program, String name, int headroom) implements RouteEncap {

    public BpfEncap {
        Objects.requireNonNull(name, "name");
        if (headroom < 0 || headroom > 255) {
            throw new IllegalArgumentException("headroom " + headroom + " is not in 0..255 (LWT_BPF_MAX_HEADROOM)");
        }
    }

    public BpfEncap(EbpfProgram.Loaded program, int headroom) {
        this(program, program.name(), headroom);
    }

    @Override
    public KernelFeature feature() {
        return KernelFeature.LWT_BPF;
    }

    /** Equal when the names are: the kernel reports no more of a route's program (not even the headroom). */
    @Override
    public boolean equals(Object o) {
        return o instanceof BpfEncap b && name.equals(b.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
