package mobility.netlink.nl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;

/**
 * Requests to the kernel on one netlink socket: numbers them, sends one or many per datagram, and matches the
 * acknowledgements and errors to the requests. Dumps collect every part of a multi-part answer. One request at a
 * time (the methods are synchronized); the buffers are allocated once.
 */
public final class NetlinkChannel implements AutoCloseable {

    /** Bytes per datagram. The kernel takes a datagram up to its socket send buffer (212992 by default). */
    private static final int SEND_BUFFER = 128 * 1024;
    /** Bigger than any one message the driver writes; a batch is sent when less than this is left. */
    private static final int LARGEST_MESSAGE = 4096;
    /** Dumps arrive in datagrams of up to 32 KiB; events and acks are smaller. */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int ANSWER_TIMEOUT_MILLIS = 5000;

    private static final int EOPNOTSUPP = 95;
    private static final int EPROTONOSUPPORT = 93;
    private static final int EAFNOSUPPORT = 97;
    private static final int ENOSYS = 38;
    private static final int ETIMEDOUT = 110;

    private final NetlinkSocket socket;
    private final MessageWriter writer = MessageWriter.allocate(SEND_BUFFER);
    private final ByteBuffer received = ByteBuffer.allocateDirect(RECEIVE_BUFFER).order(ByteOrder.nativeOrder());
    private final Attributes errorAttributes = new Attributes();
    private int sequence = (int) (System.nanoTime() & 0x3fff_ffff);

    /** Sequence number and errno of the first failed request of the current exchange. */
    private int failedSequence;
    private int failedErrno;
    private String failedMessage;

    public NetlinkChannel(NetlinkSocket socket) {
        this.socket = socket;
        socket.receiveTimeout(ANSWER_TIMEOUT_MILLIS);
        socket.sendBuffer(2 * SEND_BUFFER);
        socket.receiveBuffer(1 << 20);
    }

    /** Sends one request and waits for its acknowledgement; a refusal is thrown as a {@link KernelException}. */
    public synchronized <T> void execute(Operation<T> operation, T item) {
        writer.clear();
        int seq = nextSequence();
        write(operation, item, seq, Netlink.NLM_F_ACK);
        exchange(seq, seq, null);
        if (failedErrno != 0) {
            throw failure(operation, item, failedErrno, failedMessage);
        }
    }

    /**
     * Sends the requests packed into as few datagrams as fit, each datagram's last request asking for the
     * acknowledgement: the kernel handles a datagram's requests in order and reports every failure by itself, so
     * one acknowledgement per datagram answers them all. All requests are tried; the first failure is thrown after.
     */
    public synchronized <T> void executeAll(Operation<T> operation, List<? extends T> items) {
        KernelException[] first = new KernelException[1];
        sendPacked(items.size(), (i, seq) -> write(operation, items.get(i), seq, 0), (i, errno, message) -> {
            if (first[0] == null) {
                first[0] = failure(operation, items.get(i), errno, message);
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
    }

    /** One request of a mixed batch: an operation and its item. */
    public record Request<T>(Operation<T> operation, T item) {
    }

    /**
     * As {@link #executeAll}, for requests of different kinds, and with every refusal kept: the map holds the
     * refused requests' indexes in {@code requests} with their errors, and is empty when the kernel did all.
     */
    public synchronized Map<Integer, KernelException> executeEach(List<Request<?>> requests) {
        Map<Integer, KernelException> refused = new TreeMap<>();
        sendPacked(requests.size(), (i, seq) -> write(requests.get(i), seq),
                (i, errno, message) -> refused.put(i, failure(requests.get(i), errno, message)));
        return refused;
    }

    /**
     * Sends one request and hands every message of its answer to {@code handler} (in place) until the
     * acknowledgement: a "get" that is not a dump, such as the counters of named nftables set elements.
     */
    public synchronized <T> void query(Operation<T> operation, T item, MessageHandler handler) {
        writer.clear();
        int seq = nextSequence();
        write(operation, item, seq, Netlink.NLM_F_ACK);
        exchange(seq, seq, handler);
        if (failedErrno != 0) {
            throw failure(operation, item, failedErrno, failedMessage);
        }
    }

    /**
     * The requests as one nfnetlink transaction of {@code subsystem} (NFNL_MSG_BATCH_BEGIN, the requests,
     * NFNL_MSG_BATCH_END, in one datagram): the kernel applies all of them or none. Every request asks for its
     * acknowledgement, and any refusal means that none was applied, so the first refusal is thrown.
     */
    public synchronized void executeTransaction(int subsystem, List<Request<?>> requests) {
        if (requests.isEmpty()) {
            return;
        }
        writer.clear();
        batchMarker(Netlink.NFNL_MSG_BATCH_BEGIN, subsystem);
        int firstSeq = sequence;
        for (Request<?> r : requests) {
            if (writer.remaining() < LARGEST_MESSAGE) {
                throw new IllegalArgumentException("an nfnetlink transaction of " + requests.size()
                        + " requests does not fit in one datagram");
            }
            writeAcked(r, nextSequence());
        }
        int lastSeq = sequence;
        batchMarker(Netlink.NFNL_MSG_BATCH_END, subsystem);
        refusals = new ArrayList<>(0);
        try {
            exchange(firstSeq, lastSeq, null);
            if (!refusals.isEmpty()) {
                Refusal r = refusals.get(0);
                int index = ((r.sequence() - firstSeq) & 0x7fff_ffff) - 1;
                throw index >= 0 && index < requests.size()
                        ? failure(requests.get(index), r.errno(), r.message())
                        : new KernelException("nfnetlink transaction", r.errno(), r.message());
            }
        } finally {
            refusals = null;
        }
    }

    /** NFNL_MSG_BATCH_BEGIN/END: a struct nfgenmsg whose res_id names the subsystem (network byte order). */
    private void batchMarker(int type, int subsystem) {
        writer.begin(type, Netlink.NLM_F_REQUEST, nextSequence());
        writer.u8(0).u8(Netlink.NFNETLINK_V0).be16(subsystem);
        writer.end();
    }

    /** Writes request {@code index} with sequence number {@code seq}. */
    private interface IndexedWriter {
        void write(int index, int seq);
    }

    /** Told of each refused request, by index, in order. */
    private interface Refusals {
        void refused(int index, int errno, String message);
    }

    /**
     * {@code count} requests packed into as few datagrams as fit, the last of each asking for the acknowledgement;
     * allocates per datagram, not per request (the batched hot path).
     */
    private void sendPacked(int count, IndexedWriter requests, Refusals refused) {
        int index = 0;
        while (index < count) {
            writer.clear();
            int firstSeq = (sequence + 1) & 0x7fff_ffff;
            int firstIndex = index;
            int lastStart = 0;
            while (index < count && (index == firstIndex || writer.remaining() >= LARGEST_MESSAGE)) {
                lastStart = writer.length();
                requests.write(index, nextSequence());
                index++;
            }
            int flags = writer.buffer().getShort(lastStart + 6);
            writer.buffer().putShort(lastStart + 6, (short) (flags | Netlink.NLM_F_ACK));
            refusals = new ArrayList<>(0);
            try {
                exchange(firstSeq, sequence, null);
                for (Refusal r : refusals) {
                    refused.refused(firstIndex + ((r.sequence() - firstSeq) & 0x7fff_ffff), r.errno(), r.message());
                }
            } finally {
                refusals = null;
            }
        }
    }

    private <T> void write(Request<T> request, int seq) {
        write(request.operation(), request.item(), seq, 0);
    }

    private <T> void writeAcked(Request<T> request, int seq) {
        write(request.operation(), request.item(), seq, Netlink.NLM_F_ACK);
    }

    private static <T> KernelException failure(Request<T> request, int errno, String kernelMessage) {
        return failure(request.operation(), request.item(), errno, kernelMessage);
    }

    /**
     * Asks for a dump and hands every message of the answer to {@code handler}, in place: the handler must copy
     * what it keeps. {@code header} writes the family header (and any filter attributes).
     */
    public synchronized void dump(String name, int type, Consumer<MessageWriter> header, MessageHandler handler) {
        writer.clear();
        int seq = nextSequence();
        writer.begin(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq);
        header.accept(writer);
        writer.end();
        exchange(seq, seq, handler);
        if (failedErrno != 0) {
            throw new KernelException(name + " dump", failedErrno, failedMessage);
        }
    }

    /** A dump decoded into objects; messages the decoder skips (other families, say) are left out. */
    public <T> List<T> dumpAll(String name, int type, Consumer<MessageWriter> header, Decoder<T> decoder) {
        List<T> objects = new ArrayList<>();
        Attributes cursor = new Attributes();
        dump(name, type, header, (b, offset, length, messageType) -> {
            T object = decoder.decode(b, offset, length, cursor);
            if (object != null) {
                objects.add(object);
            }
        });
        return objects;
    }

    private <T> void write(Operation<T> operation, T item, int seq, int extraFlags) {
        writer.begin(operation.type(), Netlink.NLM_F_REQUEST | operation.flags() | extraFlags, seq);
        operation.encoder().encode(writer, item);
        writer.end();
    }

    /** Sequence numbers count up modulo 2^31; the range checks below compare them modulo 2^31 too. */
    private int nextSequence() {
        sequence = (sequence + 1) & 0x7fff_ffff;
        return sequence;
    }

    /**
     * Sends what the writer holds and reads until the request numbered {@code lastSeq} is answered: an
     * acknowledgement or error for it, or NLMSG_DONE of a dump. Answers to older requests (from an exchange that
     * failed half-way) are skipped.
     */
    private void exchange(int firstSeq, int lastSeq, MessageHandler handler) {
        failedErrno = 0;
        failedMessage = "";
        socket.send(writer.buffer(), writer.length());
        while (true) {
            int n = socket.receive(received);
            if (n == -Native.EAGAIN) {
                throw new KernelException("netlink request " + lastSeq, ETIMEDOUT,
                        "no answer within " + ANSWER_TIMEOUT_MILLIS + " ms");
            }
            if (n < 0) {
                throw new KernelException("netlink request " + lastSeq, -n, "answers were lost");
            }
            int offset = 0;
            while (offset + Netlink.HEADER_LENGTH <= n) {
                int length = received.getInt(offset);
                if (length < Netlink.HEADER_LENGTH || offset + length > n) {
                    break;
                }
                int type = received.getShort(offset + 4) & 0xffff;
                int seq = received.getInt(offset + 8);
                if (((seq - firstSeq) & 0x7fff_ffff) <= ((lastSeq - firstSeq) & 0x7fff_ffff)) {
                    if (type == Netlink.NLMSG_ERROR) {
                        noteError(offset, length, seq);
                        if (seq == lastSeq) {
                            return;
                        }
                    } else if (type == Netlink.NLMSG_DONE) {
                        int error = length >= Netlink.HEADER_LENGTH + 4 ? received.getInt(offset + 16) : 0;
                        if (error < 0 && failedErrno == 0) {
                            failedSequence = seq;
                            failedErrno = -error;
                        }
                        return;
                    } else if (handler != null && type != Netlink.NLMSG_NOOP) {
                        handler.message(received, offset, length, type);
                    }
                }
                offset += Netlink.align(length);
            }
        }
    }

    /** struct nlmsgerr: error (negative errno, 0 = ACK), the request's header, then extended ACK attributes. */
    private void noteError(int offset, int length, int seq) {
        int error = received.getInt(offset + Netlink.HEADER_LENGTH);
        if (error == 0 || (failedErrno != 0 && refusals == null)) {
            return;
        }
        failedSequence = seq;
        failedErrno = -error;
        failedMessage = "";
        int flags = received.getShort(offset + 6) & 0xffff;
        if ((flags & Netlink.NLM_F_ACK_TLVS) == 0) {
            keepRefusal(seq);
            return;
        }
        int echoed = (flags & Netlink.NLM_F_CAPPED) != 0 ? Netlink.HEADER_LENGTH
                : Netlink.align(received.getInt(offset + Netlink.HEADER_LENGTH + 4));
        errorAttributes.reset(received, offset + Netlink.HEADER_LENGTH + 4 + echoed, offset + length);
        while (errorAttributes.next()) {
            if (errorAttributes.type() == Netlink.NLMSGERR_ATTR_MSG) {
                failedMessage = errorAttributes.string();
            }
        }
        keepRefusal(seq);
    }

    private void keepRefusal(int seq) {
        if (refusals != null) {
            refusals.add(new Refusal(seq, failedErrno, failedMessage));
        }
    }

    /** Collects every refusal of the current exchange when not null ({@link #executeEach}). */
    private List<Refusal> refusals;

    private record Refusal(int sequence, int errno, String message) {
    }

    private static <T> KernelException failure(Operation<T> operation, T item, int errno, String kernelMessage) {
        String request = operation.name() + " " + operation.describer().apply(item);
        KernelFeature feature = operation.feature().apply(item);
        boolean notSupported = errno == EOPNOTSUPP || errno == EPROTONOSUPPORT || errno == EAFNOSUPPORT
                || errno == ENOSYS;
        if (feature != null && notSupported) {
            return new KernelFeatureMissingException(feature, request, errno, kernelMessage);
        }
        return new KernelException(request, errno, kernelMessage);
    }

    @Override
    public void close() {
        socket.close();
    }
}
