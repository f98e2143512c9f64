package mobility.api.kernel;

/**
 * The kernel refused a request. The message names the request (e.g. {@code "RTM_NEWROUTE 2001:db8::/64 table
 * 254"}), the errno by name and, when the kernel gave one, its own explanation (netlink extended ACK).
 */
public class KernelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String request;
    private final int errno;
    private final String kernelMessage;

    public KernelException(String request, int errno, String kernelMessage) {
        this(request, errno, kernelMessage, describe(request, errno, kernelMessage));
    }

    protected KernelException(String request, int errno, String kernelMessage, String message) {
        super(message);
        this.request = request;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** What was asked, in the words of the request: message type and the object it named. */
    public String request() {
        return request;
    }

    /** The positive errno the kernel answered with. */
    public int errno() {
        return errno;
    }

    public Errno errnoName() {
        return Errno.of(errno);
    }

    /** The kernel's own text from the extended ACK, or the empty string. */
    public String kernelMessage() {
        return kernelMessage;
    }

    private static String describe(String request, int errno, String kernelMessage) {
        Errno name = Errno.of(errno);
        String text = request + ": " + (name == Errno.UNKNOWN ? "errno " + errno : name.name());
        return kernelMessage == null || kernelMessage.isEmpty() ? text : text + " (" + kernelMessage + ")";
    }
}
