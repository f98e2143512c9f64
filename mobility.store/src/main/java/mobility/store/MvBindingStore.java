package mobility.store;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingStore;
import mobility.api.net.Ipv6Address;
import mobility.api.stats.MobilityStatistics;

/**
 * The default {@link BindingStore}: an H2 MVStore file, written by group commit. A write completes once its round is
 * committed to the operating system and, with {@link Durability#SYNCED}, synced to disk; with
 * {@link Durability#WRITTEN} (the default) the fsync follows within the sync delay ({@link DeferredSync}).
 */
@Component(service = {BindingStore.class, MobilityStatistics.class}, configurationPid = StoreConfiguration.PID,
        property = MobilityStatistics.SCOPE + "=store")
@Designate(ocd = StoreConfiguration.class)
public class MvBindingStore implements BindingStore, MobilityStatistics {

    static final String STATE_DIR_PROPERTY = "mobility.state.dir";
    private static final String MAP = "bindings";

    private final File file;
    private final MVStore store;
    private final MVMap<byte[], byte[]> bindings;
    private final GroupCommit<Change> commits;
    private final Durability durability;
    private final long syncDelayMillis;
    /** Null with {@link Durability#SYNCED}: each round syncs before it completes. */
    private final DeferredSync deferredSync;
    private final AtomicLong roundSyncs = new AtomicLong();

    /** A put (value present) or a removal (value null) of one binding's record. */
    private record Change(byte[] key, byte[] value) {
    }

    @Activate
    public MvBindingStore(BundleContext context, StoreConfiguration config) {
        this(resolveFile(context, config), Durability.of(config.durability()), syncDelay(config.syncDelayMillis()));
    }

    /** A store on {@code file} with the default durability, outside a framework (benchmarks, tools). */
    public MvBindingStore(File file) {
        this(file, Durability.WRITTEN, StoreConfiguration.DEFAULT_SYNC_DELAY_MILLIS);
    }

    /**
     * A store on {@code file}, outside a framework: {@code durability} is {@code written} or {@code synced} (see
     * {@link StoreConfiguration#durability()}).
     */
    public MvBindingStore(File file, String durability, long syncDelayMillis) {
        this(file, Durability.of(durability), syncDelay(syncDelayMillis));
    }

    MvBindingStore(File file, Durability durability, long syncDelayMillis) {
        File dir = file.getAbsoluteFile().getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("binding store: cannot create folder " + dir);
        }
        this.file = file;
        this.store = new MVStore.Builder().fileName(file.getPath()).autoCommitDisabled().open();
        this.bindings = store.openMap(MAP);
        this.durability = durability;
        this.syncDelayMillis = syncDelayMillis;
        this.deferredSync = durability == Durability.WRITTEN
                ? new DeferredSync("mobility-store-sync", store::sync, syncDelayMillis) : null;
        this.commits = new GroupCommit<>("mobility-store-commit", this::apply, this::commit);
    }

    private static long syncDelay(long millis) {
        if (millis < 0 || millis > 10_000) {
            throw new IllegalArgumentException("syncDelayMillis = " + millis + ": expected 0 to 10000");
        }
        return millis;
    }

    private static File resolveFile(BundleContext context, StoreConfiguration config) {
        if (!config.file().isBlank()) {
            return new File(config.file().trim());
        }
        String stateDir = context.getProperty(STATE_DIR_PROPERTY);
        return stateDir != null ? new File(stateDir, "bindings.mv") : context.getDataFile("bindings.mv");
    }

    private void apply(Change c) {
        if (c.value() == null) {
            bindings.remove(c.key());
        } else {
            bindings.put(c.key(), c.value());
        }
    }

    /** Ends a group commit's round: what its writers wait for. */
    private void commit() {
        store.commit(); // writes the round's chunk to the file: in the operating system from here on
        if (deferredSync != null) {
            deferredSync.written();
        } else {
            store.sync();
            roundSyncs.incrementAndGet();
        }
    }

    @Override
    public CompletionStage<Void> put(Binding binding) {
        return commits.submit(new Change(BindingRecord.key(binding), BindingRecord.encode(binding)));
    }

    @Override
    public CompletionStage<Void> remove(BindingKind kind, BindingKey key) {
        return commits.submit(new Change(BindingRecord.key(key, kind), null));
    }

    @Override
    public Collection<Binding> loadAll() {
        List<Binding> all = new ArrayList<>(bindings.size());
        for (Map.Entry<byte[], byte[]> e : bindings.entrySet()) {
            all.add(BindingRecord.decode(e.getKey(), e.getValue()));
        }
        return all;
    }

    @Override
    public String describe() {
        return "MVStore " + file.getAbsolutePath() + " (" + bindings.size() + " bindings, durability "
                + durability.value() + (deferredSync != null ? ", fsync within " + syncDelayMillis + " ms" : "") + ")";
    }

    @Override
    public String scope() {
        return "store";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("store.bindings", (long) bindings.size());
        c.put("store.writes", commits.writes.get());
        c.put("store.commits", commits.rounds.get());
        c.put("store.failures", commits.failures.get());
        // The setting as a counter of its own, so mip:stats shows which guarantee the figures below come with.
        c.put("store.durability." + durability.value(), 1L);
        if (deferredSync != null) {
            c.put("store.sync_delay_ms", syncDelayMillis);
            c.put("store.syncs", deferredSync.syncs.get());
            c.put("store.sync_failures", deferredSync.failures.get());
            c.put("store.sync_lag_last_ms", deferredSync.lastLagMillis.get());
            c.put("store.sync_lag_max_ms", deferredSync.maxLagMillis.get());
        } else {
            c.put("store.syncs", roundSyncs.get());
        }
        return c;
    }

    @Deactivate
    public void close() {
        commits.close();
        if (deferredSync != null) {
            deferredSync.close();
        }
        store.close();
    }
}
