package mobility.netlink.nl;

import java.nio.ByteBuffer;

/** Receives one netlink message in place: {@code offset} is where its header starts in {@code buffer}. */
@FunctionalInterface
public interface MessageHandler {

    void message(ByteBuffer buffer, int offset, int length, int type);

    /** The kernel dropped messages for this socket (ENOBUFS): the receive buffer overflowed. */
    default void lost() {
    }
}
