package mobility.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingUpdateList;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.stats.MobilityStatistics;

/**
 * What an operator sees of the roles: binding caches, binding update lists and counters of whichever bundles provide
 * them. The Gogo commands and the mip6d-compatible console both read it.
 */
@Component(service = OperatorView.class)
public class OperatorView {

    private final List<BindingCache> caches = new CopyOnWriteArrayList<>();
    private final List<BindingUpdateList> lists = new CopyOnWriteArrayList<>();
    private final List<MobilityStatistics> statistics = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCache(BindingCache cache) {
        caches.add(cache);
    }

    void removeCache(BindingCache cache) {
        caches.remove(cache);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addList(BindingUpdateList list) {
        lists.add(list);
    }

    void removeList(BindingUpdateList list) {
        lists.remove(list);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStatistics(MobilityStatistics s) {
        statistics.add(s);
    }

    void removeStatistics(MobilityStatistics s) {
        statistics.remove(s);
    }

    /** Every binding of every binding cache (home agent and correspondent node); fails when neither is active. */
    List<Binding> bindings() {
        if (caches.isEmpty()) {
            throw new IllegalStateException("no binding cache: neither the home-agent nor the correspondent-node role "
                    + "is active in this container");
        }
        List<Binding> all = new ArrayList<>();
        caches.forEach(c -> all.addAll(c.snapshot()));
        all.sort(Comparator.comparing(Binding::kind).thenComparing(Binding::key));
        return all;
    }

    /** Every binding update list entry; fails when no mobile node is active. */
    List<BindingUpdateListEntry> bindingUpdateList() {
        if (lists.isEmpty()) {
            throw new IllegalStateException(
                    "no binding update list: the mobile-node role is not active in this container");
        }
        List<BindingUpdateListEntry> all = new ArrayList<>();
        lists.forEach(l -> all.addAll(l.entries()));
        return all;
    }

    /** Counters by owner, owners and counters in name order; owners of the same scope are added up. */
    Map<String, Map<String, Long>> statistics() {
        Map<String, Map<String, Long>> byScope = new TreeMap<>();
        for (MobilityStatistics s : statistics) {
            Map<String, Long> mine = byScope.computeIfAbsent(s.scope(), k -> new TreeMap<>());
            s.counters().forEach((k, v) -> mine.merge(k, v, Long::sum));
        }
        return byScope;
    }
}
