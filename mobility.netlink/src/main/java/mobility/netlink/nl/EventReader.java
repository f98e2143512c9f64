package mobility.netlink.nl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one thread that reads a multicast socket and hands each notification to the handler, in the kernel's
 * order. Wakes every {@value #POLL_MILLIS} ms to notice {@link #close()}.
 */
public final class EventReader implements AutoCloseable {

    private static final Logger LOG = System.getLogger(EventReader.class.getName());
    private static final int POLL_MILLIS = 200;

    private final NetlinkSocket socket;
    private final MessageHandler handler;
    private final ByteBuffer received = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.nativeOrder());
    private final Thread thread;
    private volatile boolean running = true;

    /** Takes ownership of {@code socket}, already joined to its groups, and starts reading. */
    public EventReader(String name, NetlinkSocket socket, MessageHandler handler) {
        this.socket = socket;
        this.handler = handler;
        socket.receiveTimeout(POLL_MILLIS);
        socket.receiveBuffer(4 << 20);
        thread = new Thread(this::run, "mobility-netlink-events-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            int n;
            try {
                n = socket.receive(received);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.ERROR, "netlink event socket failed; no more kernel events", e);
                }
                return;
            }
            if (n == -NetlinkException.ENOBUFS) {
                LOG.log(Level.WARNING, "kernel events were lost: the netlink receive buffer overflowed");
                handler.lost();
                continue;
            }
            if (n < 0) {
                continue;
            }
            dispatch(n);
        }
    }

    private void dispatch(int n) {
        int offset = 0;
        while (offset + Netlink.HEADER_LENGTH <= n) {
            int length = received.getInt(offset);
            if (length < Netlink.HEADER_LENGTH || offset + length > n) {
                return;
            }
            int type = received.getShort(offset + 4) & 0xffff;
            try {
                handler.message(received, offset, length, type);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a kernel event listener failed on message type " + type, e);
            }
            offset += Netlink.align(length);
        }
    }

    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.close();
    }
}
