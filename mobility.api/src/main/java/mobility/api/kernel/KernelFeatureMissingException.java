package mobility.api.kernel;

/**
 * The request needs a feature this kernel does not have (for example ip6tnl links or the Mobile IPv6
 * route-optimisation XFRM types): not a wrong request, so retrying or fixing arguments will not help.
 */
public class KernelFeatureMissingException extends KernelException {

    private static final long serialVersionUID = 1L;

    private final KernelFeature feature;

    public KernelFeatureMissingException(KernelFeature feature, String request, int errno, String kernelMessage) {
        super(request, errno, kernelMessage, "not supported by this kernel: " + feature.label() + " (" + request
                + ": " + Errno.of(errno).name()
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ", " + kernelMessage) + ")");
        this.feature = feature;
    }

    public KernelFeature feature() {
        return feature;
    }
}
