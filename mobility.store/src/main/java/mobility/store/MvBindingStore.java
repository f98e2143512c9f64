package mobility.store;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingStore;
import mobility.api.net.Ipv6Address;
import mobility.api.stats.MobilityStatistics;

/**
 * The default {@link BindingStore}: an H2 MVStore file, written by group commit and synced to disk before a write
 * completes.
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

    /** A put (value present) or a removal (value null) of one home address's record. */
    private record Change(byte[] key, byte[] value) {
    }

    @Activate
    public MvBindingStore(BundleContext context, StoreConfiguration config) {
        this(resolveFile(context, config));
    }

    /** A store on {@code file}, outside a framework (benchmarks, tools). */
    public MvBindingStore(File file) {
        File dir = file.getAbsoluteFile().getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("binding store: cannot create folder " + dir);
        }
        this.file = file;
        this.store = new MVStore.Builder().fileName(file.getPath()).autoCommitDisabled().open();
        this.bindings = store.openMap(MAP);
        this.commits = new GroupCommit<>("mobility-store-commit", this::apply, this::sync);
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

    private void sync() {
        store.commit();
        store.sync();
    }

    @Override
    public CompletionStage<Void> put(Binding binding) {
        return commits.submit(new Change(BindingRecord.key(binding.homeAddress()), BindingRecord.encode(binding)));
    }

    @Override
    public CompletionStage<Void> remove(Ipv6Address homeAddress) {
        return commits.submit(new Change(BindingRecord.key(homeAddress), null));
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
        return "MVStore " + file.getAbsolutePath() + " (" + bindings.size() + " bindings)";
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
        return c;
    }

    @Deactivate
    public void close() {
        commits.close();
        store.close();
    }
}
