package mobility.netlink.socket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import mobility.api.kernel.KernelException;

/** The loaded library, errno, native memory and the Linux x86_64 constants of the packet path. */
final class Sys {

    static final SocketLib LIB = LibraryLoader.create(SocketLib.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIB);

    // socket.h
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_SNDBUF = 7;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_ATTACH_FILTER = 26;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_TRUNC = 0x20;
    // if_packet.h
    static final int SOL_PACKET = 263;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_VNET_HDR = 15;
    static final int ETH_P_IPV6 = 0x86dd;
    static final int ETH_P_ALL = 0x0003;
    // in6.h, ipv6.h
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_RAW = 255;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_RECVRTHDR = 56;
    static final int IPV6_RECVDSTOPTS = 58;
    // fcntl.h, poll.h, errno.h
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final short POLLIN = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    // if_tun.h, sockios.h
    static final long TUNSETIFF = 0x400454caL;
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final long SIOCGIFINDEX = 0x8933L;
    static final int IFF_TUN = 0x0001;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_VNET_HDR = 0x4000;
    static final int IFF_NAPI = 0x0010;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO6 = 0x04;
    // sched.h, mount.h
    static final int CLONE_NEWNS = 0x0002_0000;
    static final long MS_REC = 0x4000;
    static final long MS_PRIVATE = 0x4_0000;
    /** struct ifreq: name[IFNAMSIZ] then a union whose first member is the flags or the index. */
    static final int IFREQ_SIZE = 40;
    static final int IFNAMSIZ = 16;

    private Sys() {
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    /** Native-order direct memory and its address. */
    static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    static long address(ByteBuffer direct) {
        return Pointer.wrap(RUNTIME, direct).address();
    }

    /** Native memory that this package did not allocate (a mapping), read and written in place. */
    static Pointer pointer(long address, long size) {
        return RUNTIME.getMemoryManager().newPointer(address, size);
    }

    /** Throws the errno of a failed call as the kernel's answer to {@code request}. */
    static int check(int result, String request) {
        if (result < 0) {
            throw new KernelException(request, errno(), "");
        }
        return result;
    }

    static void setInt(int fd, int level, int option, int value, String request) {
        ByteBuffer b = allocate(4);
        b.putInt(0, value);
        check(LIB.setsockopt(fd, level, option, address(b), 4), request);
    }

    /** A receive buffer of at least {@code bytes}, beyond the rmem_max limit when the process may. */
    static void receiveBuffer(int fd, int bytes) {
        ByteBuffer b = allocate(4);
        b.putInt(0, bytes);
        if (LIB.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, address(b), 4) < 0) {
            LIB.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, address(b), 4);
        }
    }

    static void sendBuffer(int fd, int bytes) {
        ByteBuffer b = allocate(4);
        b.putInt(0, bytes);
        if (LIB.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, address(b), 4) < 0) {
            LIB.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, address(b), 4);
        }
    }

    /** Attaches a classic BPF program (struct sock_fprog: length, then a pointer to the instructions). */
    static void attachFilter(int fd, long[] instructions, String request) {
        ByteBuffer code = allocate(instructions.length * 8);
        for (int i = 0; i < instructions.length; i++) {
            long insn = instructions[i];
            code.putShort(i * 8, (short) insn);
            code.put(i * 8 + 2, (byte) (insn >>> 16));
            code.put(i * 8 + 3, (byte) (insn >>> 24));
            code.putInt(i * 8 + 4, (int) (insn >>> 32));
        }
        ByteBuffer program = allocate(16);
        program.putShort(0, (short) instructions.length);
        program.putLong(8, address(code));
        check(LIB.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, address(program), 16), request);
    }

    /** The index of interface {@code name} in the calling thread's namespace (SIOCGIFINDEX). */
    static int interfaceIndex(String name) {
        int fd = check(LIB.socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket for SIOCGIFINDEX");
        try {
            ByteBuffer ifreq = ifreq(name);
            check(LIB.ioctl(fd, SIOCGIFINDEX, address(ifreq)), "SIOCGIFINDEX " + name);
            return ifreq.getInt(IFNAMSIZ);
        } finally {
            LIB.close(fd);
        }
    }

    static ByteBuffer ifreq(String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than 15 characters");
        }
        ByteBuffer ifreq = allocate(IFREQ_SIZE);
        ifreq.put(0, bytes);
        return ifreq;
    }
}
