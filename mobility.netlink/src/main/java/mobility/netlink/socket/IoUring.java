package mobility.netlink.socket;

import java.nio.ByteBuffer;

import jnr.ffi.Pointer;
import mobility.api.kernel.KernelException;

/**
 * Writes a batch of packets to a file descriptor with one system call: an io_uring (io_uring_setup(2)) whose
 * submission queue gets one IORING_OP_WRITE per packet, then one io_uring_enter(2) submits them all and collects
 * their completions. Per packet that saves the system call a write(2) costs (entry, exit, the C library's
 * cancellation point, the foreign call), which is most of what a TUN write of one segment costs besides the
 * kernel's own work.
 *
 * <p>Order: the descriptor is non-blocking, so the kernel issues each write at once, in queue order, in the calling
 * thread (a write that cannot proceed completes with -EAGAIN instead of being retried later), and the packets
 * arrive in the order of the batch as with write(2). The rings are mapped once; a write only rewrites the
 * address, length and tag of an entry. One writer at a time.
 */
final class IoUring implements AutoCloseable {

    private static final long IO_URING_SETUP = 425;
    private static final long IO_URING_ENTER = 426;
    private static final long MMAP = 9;
    private static final long MUNMAP = 11;
    private static final int IORING_ENTER_GETEVENTS = 1;
    private static final int IORING_FEAT_SINGLE_MMAP = 1;
    private static final long IORING_OFF_SQ_RING = 0;
    private static final long IORING_OFF_CQ_RING = 0x800_0000L;
    private static final long IORING_OFF_SQES = 0x1000_0000L;
    private static final int IORING_OP_WRITE = 23;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED_POPULATE = 0x01 | 0x8000;
    /** struct io_uring_params: entries, flags, features, then struct io_sqring_offsets and io_cqring_offsets. */
    private static final int PARAMS = 120;
    private static final int SQ_ENTRIES = 0;
    private static final int CQ_ENTRIES = 4;
    private static final int FEATURES = 20;
    private static final int SQ_OFF = 40;
    private static final int CQ_OFF = 80;
    /** Offsets within io_sqring_offsets / io_cqring_offsets. */
    private static final int OFF_HEAD = 0;
    private static final int OFF_TAIL = 4;
    private static final int OFF_RING_MASK = 8;
    private static final int OFF_ARRAY_OR_CQES = 24;
    private static final int OFF_CQES = 20;
    private static final int SQE = 64;
    private static final int CQE = 16;

    private final int ring;
    private final int entries;
    private final long sqRingAddress;
    private final long sqRingSize;
    private final long cqRingAddress;
    private final long cqRingSize;
    private final long sqesAddress;
    private final Pointer sq;
    private final Pointer cq;
    private final Pointer sqes;
    private final int sqHead;
    private final int sqTail;
    private final int sqMask;
    private final int cqHead;
    private final int cqTail;
    private final int cqMask;
    private final int cqes;
    private boolean closed;

    private IoUring(int ring, int entries, long sqRingAddress, long sqRingSize, long cqRingAddress, long cqRingSize,
            long sqesAddress, ByteBuffer params) {
        this.ring = ring;
        this.entries = entries;
        this.sqRingAddress = sqRingAddress;
        this.sqRingSize = sqRingSize;
        this.cqRingAddress = cqRingAddress;
        this.cqRingSize = cqRingSize;
        this.sqesAddress = sqesAddress;
        sq = Sys.pointer(sqRingAddress, sqRingSize);
        // One mapping for both rings (IORING_FEAT_SINGLE_MMAP): the completion ring has no size of its own to unmap.
        cq = cqRingSize == 0 ? sq : Sys.pointer(cqRingAddress, cqRingSize);
        sqes = Sys.pointer(sqesAddress, (long) entries * SQE);
        sqHead = params.getInt(SQ_OFF + OFF_HEAD);
        sqTail = params.getInt(SQ_OFF + OFF_TAIL);
        sqMask = sq.getInt(params.getInt(SQ_OFF + OFF_RING_MASK));
        cqHead = params.getInt(CQ_OFF + OFF_HEAD);
        cqTail = params.getInt(CQ_OFF + OFF_TAIL);
        cqMask = cq.getInt(params.getInt(CQ_OFF + OFF_RING_MASK));
        cqes = params.getInt(CQ_OFF + OFF_CQES);
        // The submission array maps queue slot i to entry i, once.
        int array = params.getInt(SQ_OFF + OFF_ARRAY_OR_CQES);
        for (int i = 0; i < entries; i++) {
            sq.putInt(array + 4L * i, i);
        }
    }

    /** A ring of {@code entries} (a power of two); a kernel without io_uring (or forbidding it) throws. */
    static IoUring open(int entries) {
        // The system call numbers and struct layouts here are x86_64's, like the rest of this package.
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            throw new KernelException("io_uring_setup", 0, "system call numbers known for x86_64 only, not " + arch);
        }
        ByteBuffer params = Sys.allocate(PARAMS);
        int fd = (int) Sys.LIB.syscall(IO_URING_SETUP, entries, Sys.address(params), 0, 0, 0, 0);
        if (fd < 0) {
            throw new KernelException("io_uring_setup", Sys.errno(), "");
        }
        long sqAddress = -1;
        long cqAddress = -1;
        long sqesAddress = -1;
        int sqEntries = params.getInt(SQ_ENTRIES);
        long sqSize = params.getInt(SQ_OFF + OFF_ARRAY_OR_CQES) + 4L * sqEntries;
        long cqSize = params.getInt(CQ_OFF + OFF_CQES) + (long) CQE * params.getInt(CQ_ENTRIES);
        boolean single = (params.getInt(FEATURES) & IORING_FEAT_SINGLE_MMAP) != 0;
        try {
            if (single) {
                sqSize = Math.max(sqSize, cqSize);
                cqSize = sqSize;
            }
            sqAddress = map(fd, sqSize, IORING_OFF_SQ_RING, "SQ ring");
            cqAddress = single ? sqAddress : map(fd, cqSize, IORING_OFF_CQ_RING, "CQ ring");
            sqesAddress = map(fd, (long) SQE * sqEntries, IORING_OFF_SQES, "SQEs");
            return new IoUring(fd, sqEntries, sqAddress, sqSize, cqAddress, single ? 0 : cqSize, sqesAddress,
                    params);
        } catch (RuntimeException e) {
            if (sqesAddress != -1) {
                unmap(sqesAddress, (long) SQE * sqEntries);
            }
            if (cqAddress != -1 && !single) {
                unmap(cqAddress, cqSize);
            }
            if (sqAddress != -1) {
                unmap(sqAddress, sqSize);
            }
            Sys.LIB.close(fd);
            throw e;
        }
    }

    private static long map(int fd, long size, long offset, String what) {
        long address = Sys.LIB.syscall(MMAP, 0, size, PROT_READ_WRITE, MAP_SHARED_POPULATE, fd, offset);
        if (address < 0 && address > -4096) {
            throw new KernelException("mmap of the io_uring " + what, Sys.errno(), "");
        }
        return address;
    }

    /**
     * Writes every non-empty packet 0..count-1 of {@code batch} (position to limit) to {@code fd}; returns how many
     * the kernel took whole.
     */
    int write(int fd, NativeBatch batch) {
        int written = 0;
        int i = 0;
        int count = batch.count();
        while (i < count) {
            int tail = sq.getInt(sqTail);
            int queued = 0;
            for (; i < count && queued < entries; i++) {
                ByteBuffer packet = batch.buffer(i);
                if (!packet.hasRemaining()) {
                    continue;
                }
                long sqe = (long) ((tail + queued) & sqMask) * SQE;
                sqes.putByte(sqe, (byte) IORING_OP_WRITE);
                sqes.putInt(sqe + 4, fd);
                sqes.putLong(sqe + 8, -1);
                sqes.putLong(sqe + 16, batch.dataAddress(i) + packet.position());
                sqes.putInt(sqe + 24, packet.remaining());
                sqes.putLong(sqe + 32, packet.remaining());
                queued++;
            }
            if (queued == 0) {
                break;
            }
            // The kernel reads the tail with acquire semantics in the system call that follows.
            sq.putInt(sqTail, tail + queued);
            written += submit(queued);
        }
        return written;
    }

    /** Submits what is queued and waits for all of it; returns how many completed with their whole length. */
    private int submit(int queued) {
        int pending = queued;
        while (pending > 0) {
            // No signal mask (0), so the kernel does not read its size, the sixth argument.
            int submitted = (int) Sys.LIB.syscall(IO_URING_ENTER, ring, pending, pending, IORING_ENTER_GETEVENTS, 0);
            if (submitted < 0) {
                if (Sys.errno() == Sys.EINTR) {
                    pending = sq.getInt(sqTail) - sq.getInt(sqHead);
                    continue;
                }
                throw new KernelException("io_uring_enter", Sys.errno(), "");
            }
            pending = sq.getInt(sqTail) - sq.getInt(sqHead);
        }
        int head = cq.getInt(cqHead);
        int end = head + queued;
        // An interrupted wait returns early: wait again for what has not completed yet.
        for (int missing = end - cq.getInt(cqTail); missing > 0; missing = end - cq.getInt(cqTail)) {
            if (Sys.LIB.syscall(IO_URING_ENTER, ring, 0, missing, IORING_ENTER_GETEVENTS, 0) < 0
                    && Sys.errno() != Sys.EINTR) {
                throw new KernelException("io_uring_enter", Sys.errno(), "");
            }
        }
        int complete = 0;
        for (; head != end; head++) {
            // Each write's result against its length, kept in the entry's tag.
            long entry = cqes + (long) (head & cqMask) * CQE;
            if (cq.getInt(entry + 8) == cq.getLong(entry)) {
                complete++;
            }
        }
        cq.putInt(cqHead, head);
        return complete;
    }

    private static void unmap(long address, long size) {
        Sys.LIB.syscall(MUNMAP, address, size, 0, 0, 0, 0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unmap(sqesAddress, (long) SQE * entries);
        if (cqRingSize > 0) {
            unmap(cqRingAddress, cqRingSize);
        }
        unmap(sqRingAddress, sqRingSize);
        Sys.LIB.close(ring);
    }
}
