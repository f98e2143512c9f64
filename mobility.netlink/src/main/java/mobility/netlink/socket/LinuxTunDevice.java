package mobility.netlink.socket;

import java.nio.ByteBuffer;

import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.TunDevice;

/**
 * A TUN device made by TUNSETIFF on a non-blocking /dev/net/tun descriptor. Reads drain the queue until it is
 * empty or the batch is full, so one wake-up moves many packets. A TUN device takes one packet per write; a batch
 * goes in with one system call through an {@link IoUring} where the kernel has io_uring, else one write(2) per
 * packet ({@link #writePath()} says which, and why).
 */
final class LinuxTunDevice extends NativeChannel implements TunDevice {

    private static final String TUN = "/dev/net/tun";
    private static final int RING_ENTRIES = 256;
    private final String name;
    private final int interfaceIndex;
    private final boolean virtioHeader;
    /** Null where io_uring is missing or refused: then {@link #writePath} holds the reason. */
    private final IoUring ring;
    private final String writePath;

    private LinuxTunDevice(int fd, String name, int interfaceIndex, boolean virtioHeader, boolean batchedWrites) {
        super(fd, "TUN device " + name);
        this.name = name;
        this.interfaceIndex = interfaceIndex;
        this.virtioHeader = virtioHeader;
        IoUring r = null;
        String path = WRITE_PER_PACKET + " (not asked for)";
        try {
            if (batchedWrites) {
                r = IoUring.open(RING_ENTRIES);
                path = WRITE_BATCHED;
            }
        } catch (RuntimeException e) {
            // No io_uring (ENOSYS), or refused (EPERM: sysctl, seccomp), or unusable: the device still writes.
            path = WRITE_PER_PACKET + " (" + e.getMessage() + ")";
        }
        ring = r;
        writePath = path;
    }

    /**
     * Creates the device in the calling thread's network namespace; with {@code coalescedWrites} its writes go
     * through NAPI and GRO (IFF_NAPI), polled by a kernel thread of its own (threaded NAPI).
     *
     * @param disposableThread the calling thread entered the namespace and ends after this ({@link DeviceAttributes})
     * @param batchedWrites a batch is written with one system call where the kernel can (false: the per-packet
     *        writes a kernel without io_uring gets, for tests)
     */
    static LinuxTunDevice open(String name, boolean virtioHeader, boolean offloads, boolean coalescedWrites,
            boolean disposableThread, boolean batchedWrites) {
        if (!KernelMarks.isPlatformLink(name)) {
            throw new IllegalArgumentException("the platform's links are named " + KernelMarks.LINK_PREFIX
                    + "..., not '" + name + "'");
        }
        int fd = Sys.check(Sys.LIB.open(TUN, Sys.O_RDWR | Sys.O_NONBLOCK | Sys.O_CLOEXEC), "open " + TUN);
        try {
            ByteBuffer ifreq = Sys.ifreq(name);
            ifreq.putShort(Sys.IFNAMSIZ, (short) (Sys.IFF_TUN | Sys.IFF_NO_PI | (virtioHeader ? Sys.IFF_VNET_HDR : 0)
                    | (coalescedWrites ? Sys.IFF_NAPI : 0)));
            Sys.check(Sys.LIB.ioctl(fd, Sys.TUNSETIFF, Sys.address(ifreq)), "TUNSETIFF " + name);
            if (offloads) {
                Sys.check(Sys.LIB.ioctl(fd, Sys.TUNSETOFFLOAD, Sys.TUN_F_CSUM | Sys.TUN_F_TSO6),
                        "TUNSETOFFLOAD " + name);
            }
            if (coalescedWrites) {
                // Polled inline, NAPI would run (and flush GRO) once per write, joining nothing; a thread of its own
                // polls what the writer queued meanwhile, many segments at once.
                DeviceAttributes.write(name, "threaded", "1", disposableThread);
            }
            return new LinuxTunDevice(fd, name, Sys.interfaceIndex(name), virtioHeader, batchedWrites);
        } catch (RuntimeException e) {
            Sys.LIB.close(fd);
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int interfaceIndex() {
        return interfaceIndex;
    }

    @Override
    public boolean virtioHeader() {
        return virtioHeader;
    }

    @Override
    public int receive(PacketBatch batch, int timeoutMillis) {
        NativeBatch b = nativeBatch(batch);
        int n = 0;
        boolean waited = false;
        while (n < b.capacity()) {
            long length = Sys.LIB.read(fd, b.dataAddress(n) + b.headroom(), b.bufferSize());
            if (length >= 0) {
                b.completeRead(n, (int) length);
                n++;
                continue;
            }
            int errno = Sys.errno();
            if (errno == Sys.EINTR) {
                continue;
            }
            if (errno != Sys.EAGAIN) {
                if (isClosed()) {
                    break;
                }
                throw failure("read");
            }
            if (n > 0 || waited || !await(timeoutMillis)) {
                break;
            }
            waited = true;
        }
        b.count(n);
        return n;
    }

    @Override
    public String writePath() {
        return writePath;
    }

    @Override
    public int write(PacketBatch batch) {
        NativeBatch b = nativeBatch(batch);
        if (ring != null) {
            synchronized (ring) {
                if (isClosed()) {
                    return 0;
                }
                return ring.write(fd, b);
            }
        }
        int written = 0;
        for (int i = 0; i < b.count(); i++) {
            ByteBuffer packet = b.buffer(i);
            if (!packet.hasRemaining()) {
                continue;
            }
            long r = Sys.LIB.write(fd, b.dataAddress(i) + packet.position(), packet.remaining());
            if (r >= 0) {
                written++;
            } else if (Sys.errno() == Sys.EINTR) {
                i--;
            }
        }
        return written;
    }

    @Override
    public void close() {
        if (ring != null) {
            synchronized (ring) {
                super.close();
                ring.close();
            }
        } else {
            super.close();
        }
    }
}
