package mobility.api.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An eBPF map in the kernel (bpf(2) BPF_MAP_CREATE): the table a loaded program looks packets up in, which user
 * space fills. Open until closed; a program that uses it keeps the kernel's copy alive after that.
 */
@ProviderType
public interface EbpfMap extends AutoCloseable {

    /** The map types the platform uses (enum bpf_map_type). */
    enum Type {
        HASH(1),
        /** One value per CPU per index, added without locks; read as the sum over the CPUs. */
        PERCPU_ARRAY(6),
        /** Longest-prefix match: a key is a 32-bit prefix length (host order) then the data it applies to. */
        LPM_TRIE(11);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    Type type();

    /** The kernel's handle, for a program that refers to this map ({@link EbpfProgram.Builder#loadMap}). */
    int fd();

    /** Adds or replaces the value of {@code key}. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; false when it was not there. */
    boolean remove(byte[] key);

    /** For a per-CPU array of 64-bit counters: the sum over the CPUs of the value at {@code index}. */
    long sum(int index);

    @Override
    void close();
}
