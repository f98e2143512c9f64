package mobility.netlink.socket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import mobility.api.kernel.PacketBatch;
import mobility.api.net.Ipv6Address;

/**
 * The native side of a {@link PacketBatch}: packet buffers in one direct block, and next to them the struct
 * mmsghdr vector with an iovec, a socket address and an ancillary-data area per packet, all wired once. A receive
 * or send then only rewrites lengths in place.
 */
final class NativeBatch implements PacketBatch {

    /** struct mmsghdr on x86_64: struct msghdr (56 bytes) then msg_len, padded to 64. */
    static final int MMSGHDR = 64;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    /** Room for a struct sockaddr_in6 (28) or sockaddr_ll (20). */
    private static final int NAME = 32;
    /** Room for packet info, hop limit, a Destination Options header and a routing header. */
    static final int CONTROL = 256;
    private static final int CMSG_HEADER = 16;
    private static final int SOCKADDR_IN6 = 28;

    private final int capacity;
    private final int bufferSize;
    private final int headroom;
    private final int stride;
    private final ByteBuffer meta;
    private final ByteBuffer metaBigEndian;
    private final long metaAddress;
    private final long dataAddress;
    private final ByteBuffer[] buffers;
    private final int iovOffset;
    private final int nameOffset;
    private final int controlOffset;
    private final int[] interfaceIndex;
    private final int[] packetType;
    private final int[] hopLimit;
    private final long[] peerHigh;
    private final long[] peerLow;
    private final long[] destinationHigh;
    private final long[] destinationLow;
    private final int[] sendInterface;
    private final long[] sourceHigh;
    private final long[] sourceLow;
    private final boolean[] truncated;
    private int count;

    NativeBatch(int capacity, int bufferSize, int headroom) {
        if (capacity < 1 || bufferSize < 1 || headroom < 0) {
            throw new IllegalArgumentException("a batch needs at least one buffer of at least one byte");
        }
        this.capacity = capacity;
        this.bufferSize = bufferSize;
        this.headroom = headroom;
        this.stride = headroom + bufferSize;
        iovOffset = capacity * MMSGHDR;
        nameOffset = iovOffset + capacity * IOVEC;
        controlOffset = nameOffset + capacity * NAME;
        meta = Sys.allocate(controlOffset + capacity * CONTROL);
        metaBigEndian = meta.duplicate().order(ByteOrder.BIG_ENDIAN);
        metaAddress = Sys.address(meta);
        ByteBuffer data = ByteBuffer.allocateDirect(capacity * stride);
        dataAddress = Sys.address(data);
        buffers = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            buffers[i] = data.slice(i * stride, stride);
            int h = i * MMSGHDR;
            meta.putLong(h + MSG_NAME, metaAddress + nameOffset + (long) i * NAME);
            meta.putLong(h + MSG_IOV, metaAddress + iovOffset + (long) i * IOVEC);
            meta.putLong(h + MSG_IOVLEN, 1);
            meta.putLong(h + MSG_CONTROL, metaAddress + controlOffset + (long) i * CONTROL);
        }
        interfaceIndex = new int[capacity];
        packetType = new int[capacity];
        hopLimit = new int[capacity];
        peerHigh = new long[capacity];
        peerLow = new long[capacity];
        destinationHigh = new long[capacity];
        destinationLow = new long[capacity];
        sendInterface = new int[capacity];
        sourceHigh = new long[capacity];
        sourceLow = new long[capacity];
        truncated = new boolean[capacity];
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int bufferSize() {
        return bufferSize;
    }

    @Override
    public int headroom() {
        return headroom;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void count(int packets) {
        if (packets < 0 || packets > capacity) {
            throw new IllegalArgumentException("count " + packets + " outside 0.." + capacity);
        }
        count = packets;
    }

    @Override
    public ByteBuffer buffer(int i) {
        return buffers[i];
    }

    @Override
    public int interfaceIndex(int i) {
        return interfaceIndex[i];
    }

    @Override
    public int packetType(int i) {
        return packetType[i];
    }

    @Override
    public long peerHigh(int i) {
        return peerHigh[i];
    }

    @Override
    public long peerLow(int i) {
        return peerLow[i];
    }

    @Override
    public long destinationHigh(int i) {
        return destinationHigh[i];
    }

    @Override
    public long destinationLow(int i) {
        return destinationLow[i];
    }

    @Override
    public int hopLimit(int i) {
        return hopLimit[i];
    }

    @Override
    public boolean truncated(int i) {
        return truncated[i];
    }

    @Override
    public void peer(int i, Ipv6Address destination, int outgoingInterface) {
        peerHigh[i] = destination.high();
        peerLow[i] = destination.low();
        sendInterface[i] = outgoingInterface;
    }

    @Override
    public void source(int i, Ipv6Address source) {
        sourceHigh[i] = source == null ? 0 : source.high();
        sourceLow[i] = source == null ? 0 : source.low();
    }

    @Override
    public byte[] ancillary(int i, int level, int type) {
        int at = findControl(i, level, type);
        if (at < 0) {
            return null;
        }
        int length = (int) meta.getLong(at) - CMSG_HEADER;
        byte[] out = new byte[length];
        meta.get(at + CMSG_HEADER, out);
        return out;
    }

    long vector() {
        return metaAddress;
    }

    /** The address of buffer {@code i}'s first byte (its headroom). */
    long dataAddress(int i) {
        return dataAddress + (long) i * stride;
    }

    /** Rewrites what the kernel changed on the last call: every buffer whole, names and ancillary areas empty. */
    void prepareReceive(boolean withControl) {
        for (int i = 0; i < capacity; i++) {
            int h = i * MMSGHDR;
            int iov = iovOffset + i * IOVEC;
            meta.putLong(iov, dataAddress(i) + headroom);
            meta.putLong(iov + 8, bufferSize);
            meta.putInt(h + MSG_NAMELEN, NAME);
            meta.putLong(h + MSG_CONTROLLEN, withControl ? CONTROL : 0);
            meta.putInt(h + MSG_FLAGS, 0);
        }
    }

    /** Reads what recvmmsg(2) reported for {@code received} packets. */
    void completeReceive(int received) {
        for (int i = 0; i < received; i++) {
            int h = i * MMSGHDR;
            int length = meta.getInt(h + MSG_LEN);
            buffers[i].limit(headroom + Math.min(length, bufferSize)).position(headroom);
            truncated[i] = (meta.getInt(h + MSG_FLAGS) & Sys.MSG_TRUNC) != 0 || length > bufferSize;
            int name = nameOffset + i * NAME;
            int family = meta.getShort(name) & 0xffff;
            hopLimit[i] = -1;
            destinationHigh[i] = 0;
            destinationLow[i] = 0;
            if (family == Sys.AF_PACKET) {
                interfaceIndex[i] = meta.getInt(name + 4);
                packetType[i] = meta.get(name + 10) & 0xff;
            } else if (family == Sys.AF_INET6) {
                peerHigh[i] = metaBigEndian.getLong(name + 8);
                peerLow[i] = metaBigEndian.getLong(name + 16);
                interfaceIndex[i] = 0;
                packetType[i] = 0;
                readControl(i);
            }
        }
        count = received;
    }

    /** Sets a packet read from a file (a TUN device) of {@code length} bytes. */
    void completeRead(int i, int length) {
        buffers[i].limit(headroom + Math.min(length, bufferSize)).position(headroom);
        truncated[i] = length > bufferSize;
        interfaceIndex[i] = 0;
        packetType[i] = 0;
    }

    /**
     * Points an iovec at each non-empty buffer's position..limit, with its destination and outgoing interface, in
     * consecutive message headers; returns how many there are.
     */
    int prepareSend(boolean withPeer) {
        int j = 0;
        for (int i = 0; i < count; i++) {
            ByteBuffer b = buffers[i];
            if (!b.hasRemaining()) {
                continue;
            }
            int h = j * MMSGHDR;
            int iov = iovOffset + j * IOVEC;
            int c = controlOffset + j * CONTROL;
            int name = nameOffset + j * NAME;
            j++;
            meta.putLong(iov, dataAddress(i) + b.position());
            meta.putLong(iov + 8, b.remaining());
            meta.putInt(h + MSG_FLAGS, 0);
            if (!withPeer) {
                meta.putInt(h + MSG_NAMELEN, 0);
                meta.putLong(h + MSG_CONTROLLEN, 0);
                continue;
            }
            meta.putShort(name, (short) Sys.AF_INET6);
            meta.putShort(name + 2, (short) 0);
            meta.putInt(name + 4, 0);
            metaBigEndian.putLong(name + 8, peerHigh[i]);
            metaBigEndian.putLong(name + 16, peerLow[i]);
            boolean linkScope = (peerHigh[i] >>> 54) == (0xfe80L >>> 6) || (peerHigh[i] >>> 56) == 0xff;
            meta.putInt(name + 24, linkScope ? sendInterface[i] : 0);
            meta.putInt(h + MSG_NAMELEN, SOCKADDR_IN6);
            if (sendInterface[i] == 0 && sourceHigh[i] == 0 && sourceLow[i] == 0) {
                meta.putLong(h + MSG_CONTROLLEN, 0);
            } else {
                // IPV6_PKTINFO (RFC 3542 §6.1): the source (unspecified: the kernel's choice) and the interface.
                meta.putLong(c, CMSG_HEADER + 20);
                meta.putInt(c + 8, Sys.IPPROTO_IPV6);
                meta.putInt(c + 12, Sys.IPV6_PKTINFO);
                metaBigEndian.putLong(c + CMSG_HEADER, sourceHigh[i]);
                metaBigEndian.putLong(c + CMSG_HEADER + 8, sourceLow[i]);
                meta.putInt(c + CMSG_HEADER + 16, sendInterface[i]);
                meta.putLong(h + MSG_CONTROLLEN, CMSG_HEADER + 24);
            }
        }
        return j;
    }

    /** The destination and interface (IPV6_PKTINFO) and the hop limit (IPV6_HOPLIMIT) of packet {@code i}. */
    private void readControl(int i) {
        int info = findControl(i, Sys.IPPROTO_IPV6, Sys.IPV6_PKTINFO);
        if (info >= 0) {
            destinationHigh[i] = metaBigEndian.getLong(info + CMSG_HEADER);
            destinationLow[i] = metaBigEndian.getLong(info + CMSG_HEADER + 8);
            interfaceIndex[i] = meta.getInt(info + CMSG_HEADER + 16);
        }
        int hops = findControl(i, Sys.IPPROTO_IPV6, Sys.IPV6_HOPLIMIT);
        if (hops >= 0) {
            hopLimit[i] = meta.getInt(hops + CMSG_HEADER);
        }
    }

    /** Walks the control messages of packet {@code i} (cmsg(3): aligned to 8 bytes); the offset of one, or -1. */
    private int findControl(int i, int level, int type) {
        int h = i * MMSGHDR;
        long controlLength = meta.getLong(h + MSG_CONTROLLEN);
        int start = controlOffset + i * CONTROL;
        int end = start + (int) Math.min(controlLength, CONTROL);
        int at = start;
        while (at + CMSG_HEADER <= end) {
            int length = (int) meta.getLong(at);
            if (length < CMSG_HEADER || at + length > end) {
                return -1;
            }
            if (meta.getInt(at + 8) == level && meta.getInt(at + 12) == type) {
                return at;
            }
            at += (length + 7) & ~7;
        }
        return -1;
    }
}
