package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * eBPF in the kernel (bpf(2)): programs built with {@link EbpfProgram.Builder} are checked by the kernel's verifier
 * and compiled, maps hold what they look up, and a program is attached where the kernel runs it — on a route (a
 * {@link BpfEncap}) or at a link's ingress. Every object lives until closed.
 */
@ProviderType
public interface Ebpf {

    /**
     * Loads {@code program}; a program the verifier refuses throws a {@link KernelException} whose detail is the
     * verifier's log.
     */
    EbpfProgram.Loaded load(EbpfProgram program);

    /**
     * A new map of {@code maxEntries} entries; {@code name} (up to 15 characters) shows in the kernel's listings.
     */
    EbpfMap createMap(EbpfMap.Type type, String name, int keySize, int valueSize, int maxEntries);

    /**
     * Runs {@code program} (a {@link EbpfProgram.Type#SCHED_CLS}) on every packet that arrives on link
     * {@code ifindex} of {@code namespace}, before the IPv6 stack sees it (TCX, Linux 6.6). Closing the result
     * detaches it.
     */
    Attachment attachIngress(NetworkNamespace namespace, int ifindex, EbpfProgram.Loaded program);

    /** A program attached somewhere, until closed. */
    @ProviderType
    interface Attachment extends AutoCloseable {

        @Override
        void close();
    }
}
