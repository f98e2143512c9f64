package mobility.api.tunnel;

/** A tunnel could not be installed, moved or switched; the message names the tunnel and the cause. */
public class TunnelException extends Exception {

    private static final long serialVersionUID = 1L;

    public TunnelException(String message) {
        super(message);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
