package mobility.netlink.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;

import mobility.api.kernel.Ebpf;
import mobility.api.kernel.EbpfMap;
import mobility.api.kernel.EbpfProgram;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;
import mobility.netlink.nl.Namespaces;

/**
 * The {@link Ebpf} service over bpf(2) (x86_64 syscall 321): union bpf_attr laid out by hand for the four commands the
 * platform uses. A program the verifier refuses is loaded a second time with the verifier's log on, so the exception
 * says why.
 */
@Component(service = Ebpf.class)
public class LinuxEbpf implements Ebpf {

    private static final long SYS_BPF = 321;
    private static final int BPF_MAP_CREATE = 0;
    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int BPF_MAP_UPDATE_ELEM = 2;
    private static final int BPF_MAP_DELETE_ELEM = 3;
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_LINK_CREATE = 28;
    private static final int BPF_TCX_INGRESS = 46;
    private static final int BPF_F_NO_PREALLOC = 1;
    private static final int ATTR = 144;
    private static final int NAME = 16;
    private static final int LOG_SIZE = 1 << 16;
    private static final int ENOENT = 2;

    static long bpf(int command, ByteBuffer attr) {
        return Sys.LIB.syscall(SYS_BPF, command, Sys.address(attr), attr.capacity(), 0, 0, 0);
    }

    private static void name(ByteBuffer attr, int at, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        attr.put(at, b, 0, Math.min(b.length, NAME - 1));
    }

    @Override
    public EbpfProgram.Loaded load(EbpfProgram program) {
        long[] insns = program.instructions();
        // Each long holds struct bpf_insn in little-endian order (see EbpfProgram#instructions).
        ByteBuffer code = Sys.allocate(insns.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < insns.length; i++) {
            code.putLong(i * 8, insns[i]);
        }
        ByteBuffer license = Sys.allocate(4).put(0, "GPL".getBytes(StandardCharsets.US_ASCII));
        int fd = load(program, code, license, null);
        if (fd < 0) {
            int errno = Sys.errno();
            ByteBuffer log = Sys.allocate(LOG_SIZE);
            load(program, code, license, log);
            byte[] text = new byte[LOG_SIZE];
            log.get(0, text);
            int end = 0;
            while (end < text.length && text[end] != 0) {
                end++;
            }
            throw new KernelException("bpf BPF_PROG_LOAD " + program.type() + " " + program.name(), errno,
                    new String(text, 0, end, StandardCharsets.US_ASCII).strip());
        }
        return new LoadedProgram(program.name(), fd);
    }

    private static int load(EbpfProgram program, ByteBuffer code, ByteBuffer license, ByteBuffer log) {
        ByteBuffer attr = Sys.allocate(ATTR);
        attr.putInt(0, program.type().code());
        attr.putInt(4, program.length());
        attr.putLong(8, Sys.address(code));
        attr.putLong(16, Sys.address(license));
        if (log != null) {
            attr.putInt(24, 1);
            attr.putInt(28, log.capacity());
            attr.putLong(32, Sys.address(log));
        }
        name(attr, 48, program.name());
        return (int) bpf(BPF_PROG_LOAD, attr);
    }

    @Override
    public EbpfMap createMap(EbpfMap.Type type, String name, int keySize, int valueSize, int maxEntries) {
        ByteBuffer attr = Sys.allocate(ATTR);
        attr.putInt(0, type.code());
        attr.putInt(4, keySize);
        attr.putInt(8, valueSize);
        attr.putInt(12, maxEntries);
        // The kernel refuses a preallocated LPM trie.
        attr.putInt(16, type == EbpfMap.Type.LPM_TRIE ? BPF_F_NO_PREALLOC : 0);
        name(attr, 28, name);
        int fd = (int) bpf(BPF_MAP_CREATE, attr);
        if (fd < 0) {
            throw new KernelException("bpf BPF_MAP_CREATE " + type + " " + name, Sys.errno(), "");
        }
        return new LinuxEbpfMap(type, name, fd, keySize, valueSize);
    }

    @Override
    public Ebpf.Attachment attachIngress(NetworkNamespace namespace, int ifindex, EbpfProgram.Loaded program) {
        return Namespaces.inside(namespace, () -> attachIngressHere(ifindex, program));
    }

    /** As {@link #attachIngress}, link {@code ifindex} of the calling thread's namespace. */
    public static Ebpf.Attachment attachIngressHere(int ifindex, EbpfProgram.Loaded program) {
        ByteBuffer attr = Sys.allocate(ATTR);
        attr.putInt(0, program.fd());
        attr.putInt(4, ifindex);
        attr.putInt(8, BPF_TCX_INGRESS);
        int link = (int) bpf(BPF_LINK_CREATE, attr);
        if (link < 0) {
            throw new KernelException("bpf BPF_LINK_CREATE tcx ingress of link " + ifindex + " for "
                    + program.name(), Sys.errno(), "");
        }
        return new Descriptor(link);
    }

    /** A file descriptor closed once. */
    private static class Descriptor implements Ebpf.Attachment {

        private int fd;

        Descriptor(int fd) {
            this.fd = fd;
        }

        int fd() {
            return fd;
        }

        @Override
        public synchronized void close() {
            if (fd >= 0) {
                Sys.LIB.close(fd);
                fd = -1;
            }
        }
    }

    private static final class LoadedProgram extends Descriptor implements EbpfProgram.Loaded {

        private final String name;

        LoadedProgram(String name, int fd) {
            super(fd);
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int fd() {
            return super.fd();
        }

        @Override
        public String toString() {
            return "bpf program " + name;
        }
    }

    private static final class LinuxEbpfMap extends Descriptor implements EbpfMap {

        private static final int CPUS = possibleCpus();
        private final Type type;
        private final String name;
        private final int keySize;
        private final int valueSize;
        /** Native memory for the calls, reused under this map's lock: a home agent changes entries per binding. */
        private final ByteBuffer attr = Sys.allocate(ATTR);
        private final ByteBuffer key;
        private final ByteBuffer value;

        LinuxEbpfMap(Type type, String name, int fd, int keySize, int valueSize) {
            super(fd);
            this.type = type;
            this.name = name;
            this.keySize = keySize;
            this.valueSize = valueSize;
            key = Sys.allocate(Math.max(keySize, 4));
            value = Sys.allocate(type == Type.PERCPU_ARRAY ? 8 * CPUS : valueSize);
            attr.putInt(0, fd);
            attr.putLong(8, Sys.address(key));
        }

        @Override
        public Type type() {
            return type;
        }

        @Override
        public int fd() {
            return super.fd();
        }

        /** The attributes of an element call: the key (and the value) copied into native memory. */
        private ByteBuffer element(byte[] k, byte[] v) {
            if (fd() < 0) {
                throw new IllegalStateException(name + " is closed");
            }
            copy(k, key, keySize, "key");
            if (v != null) {
                copy(v, value, valueSize, "value");
            }
            attr.putLong(16, v == null ? 0 : Sys.address(value));
            return attr;
        }

        private void copy(byte[] bytes, ByteBuffer to, int size, String what) {
            if (bytes.length != size) {
                throw new IllegalArgumentException(name + ": " + what + " of " + bytes.length + " bytes, not " + size);
            }
            to.put(0, bytes);
        }

        @Override
        public synchronized void put(byte[] k, byte[] v) {
            if (bpf(BPF_MAP_UPDATE_ELEM, element(k, v)) < 0) {
                throw new KernelException("bpf BPF_MAP_UPDATE_ELEM " + name, Sys.errno(), "");
            }
        }

        @Override
        public synchronized boolean remove(byte[] k) {
            if (bpf(BPF_MAP_DELETE_ELEM, element(k, null)) < 0) {
                int errno = Sys.errno();
                if (errno == ENOENT) {
                    return false;
                }
                throw new KernelException("bpf BPF_MAP_DELETE_ELEM " + name, errno, "");
            }
            return true;
        }

        @Override
        public synchronized long sum(int index) {
            if (type != Type.PERCPU_ARRAY || valueSize != 8) {
                throw new IllegalStateException(name + " is not a per-CPU array of 64-bit counters");
            }
            if (fd() < 0) {
                throw new IllegalStateException(name + " is closed");
            }
            key.putInt(0, index);
            attr.putLong(16, Sys.address(value));
            if (bpf(BPF_MAP_LOOKUP_ELEM, attr) < 0) {
                throw new KernelException("bpf BPF_MAP_LOOKUP_ELEM " + name + "[" + index + "]", Sys.errno(), "");
            }
            long total = 0;
            for (int cpu = 0; cpu < CPUS; cpu++) {
                total += value.getLong(cpu * 8);
            }
            return total;
        }

        @Override
        public String toString() {
            return "bpf map " + name;
        }

        /** A per-CPU map holds a value for every possible CPU (/sys/devices/system/cpu/possible, e.g. "0-3"). */
        private static int possibleCpus() {
            try {
                int count = 0;
                for (String range : Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip().split(",")) {
                    String[] ends = range.split("-");
                    count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
                }
                return count;
            } catch (IOException | RuntimeException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
    }
}
