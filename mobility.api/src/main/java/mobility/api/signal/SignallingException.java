package mobility.api.signal;

/** A signalling message could not be sent; the message names the packet and the cause. */
public class SignallingException extends Exception {

    private static final long serialVersionUID = 1L;

    public SignallingException(String message) {
        super(message);
    }

    public SignallingException(String message, Throwable cause) {
        super(message, cause);
    }
}
