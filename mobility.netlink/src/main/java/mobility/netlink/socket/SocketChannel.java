package mobility.netlink.socket;

import mobility.api.kernel.PacketBatch;

/** A socket read with recvmmsg(2): one call takes everything queued, up to the batch's capacity. */
abstract class SocketChannel extends NativeChannel {

    private final boolean control;

    SocketChannel(int fd, String name, boolean control) {
        super(fd, name);
        this.control = control;
    }

    @Override
    public int receive(PacketBatch batch, int timeoutMillis) {
        NativeBatch b = nativeBatch(batch);
        while (true) {
            b.prepareReceive(control);
            int n = Sys.LIB.recvmmsg(fd, b.vector(), b.capacity(), Sys.MSG_DONTWAIT, 0);
            if (n >= 0) {
                b.completeReceive(n);
                return n;
            }
            int errno = Sys.errno();
            if (errno == Sys.EINTR) {
                continue;
            }
            if (errno != Sys.EAGAIN || isClosed()) {
                b.count(0);
                if (isClosed()) {
                    return 0;
                }
                throw failure("recvmmsg");
            }
            if (!await(timeoutMillis)) {
                b.count(0);
                return 0;
            }
            timeoutMillis = 0;
        }
    }

    /**
     * Sends the batch's non-empty packets with sendmmsg(2); a failure of the first is thrown, a later one ends the
     * batch. Returns how many were sent.
     */
    int sendBatch(NativeBatch b, boolean withPeer) {
        int messages = b.prepareSend(withPeer);
        int sent = 0;
        while (sent < messages) {
            int n = Sys.LIB.sendmmsg(fd, b.vector() + (long) sent * NativeBatch.MMSGHDR, messages - sent, 0);
            if (n < 0) {
                if (Sys.errno() == Sys.EINTR) {
                    continue;
                }
                if (sent == 0) {
                    throw failure("sendmmsg");
                }
                return sent;
            }
            sent += n;
        }
        return sent;
    }
}
