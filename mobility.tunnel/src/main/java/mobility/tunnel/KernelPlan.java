package mobility.tunnel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import mobility.api.kernel.KernelBatch;
import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.Route;
import mobility.api.kernel.Rule;

/**
 * The routes and policy rules one tunnel needs. Moving a tunnel compares two plans: new and changed routes are
 * replaced in place and new rules added before anything old is removed, so traffic never finds a gap (a make-before-
 * break move, RFC 6275 §10.3.1 and §11.5.1 change the care-of address of a live binding).
 */
final class KernelPlan {

    static final KernelPlan EMPTY = new KernelPlan(List.of(), List.of());

    private final Map<RouteKey, Route> routes = new LinkedHashMap<>();
    private final Set<Rule> rules = new LinkedHashSet<>();

    /** Routes are the same route when these match; the rest (encapsulation, device) changes in place. */
    private record RouteKey(Object destination, Object source, int table, Object type, int metric) {
        static RouteKey of(Route r) {
            return new RouteKey(r.destination(), r.source(), r.table(), r.type(), r.metric());
        }

        /** Written out, as {@link Route#equals}: the generated one's first call is a tunnel's first move. */
        @Override
        public boolean equals(Object o) {
            return o instanceof RouteKey k && table == k.table && metric == k.metric && destination.equals(k.destination)
                    && Objects.equals(source, k.source) && Objects.equals(type, k.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(destination, source, table, type, metric);
        }
    }

    KernelPlan(List<Route> routes, List<Rule> rules) {
        for (Route r : routes) {
            this.routes.put(RouteKey.of(r), r);
        }
        this.rules.addAll(rules);
    }

    List<Route> routes() {
        return List.copyOf(routes.values());
    }

    Set<Rule> rules() {
        return Set.copyOf(rules);
    }

    /**
     * Applies {@code next} where this plan is installed; returns {@code next}. Objects other tunnels of the provider
     * also hold ({@code shared}) are installed by the first holder and removed by the last.
     */
    KernelPlan moveTo(KernelDriver driver, KernelPlan next, SharedKernelObjects shared) {
        // What this move newly holds, so that a refusal half way gives it back and the old plan stays whole.
        Map<Object, Object> taken = new LinkedHashMap<>();
        try {
            for (Map.Entry<RouteKey, Route> e : next.routes.entrySet()) {
                if (!routes.containsKey(e.getKey())) {
                    taken.put(e.getKey(), e.getValue());
                }
                if (kernelMustInstall(e.getKey(), e.getValue(), shared)) {
                    driver.routes().replace(e.getValue());
                }
            }
            for (Rule r : next.rules) {
                if (!rules.contains(r)) {
                    boolean ask = shared.hold(r, r);
                    taken.put(r, r);
                    if (ask) {
                        driver.rules().add(r);
                    }
                }
            }
        } catch (RuntimeException e) {
            List<RuntimeException> ignored = new ArrayList<>();
            taken.forEach((key, value) -> {
                Object last = shared.release(key, value);
                if (last instanceof Route route) {
                    removeQuietly(() -> driver.routes().remove(route), ignored);
                } else if (last instanceof Rule rule) {
                    removeQuietly(() -> driver.rules().remove(rule), ignored);
                }
            });
            throw e;
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (Rule r : rules) {
            if (!next.rules.contains(r) && shared.release(r, r) != null) {
                removeQuietly(() -> driver.rules().remove(r), failures);
            }
        }
        for (Map.Entry<RouteKey, Route> e : routes.entrySet()) {
            if (!next.routes.containsKey(e.getKey())) {
                Route last = (Route) shared.release(e.getKey(), e.getValue());
                if (last != null) {
                    removeQuietly(() -> driver.routes().remove(last), failures);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return next;
    }

    /**
     * Whether the move to a plan with {@code route} under {@code key} must ask the kernel for it: the route is new to
     * this plan and no other tunnel has it installed (its first holder), or this plan's variant of it changed.
     */
    private boolean kernelMustInstall(RouteKey key, Route route, SharedKernelObjects shared) {
        Route mine = routes.get(key);
        if (Objects.equals(mine, route)) {
            return false;
        }
        return mine == null ? shared.hold(key, route) : shared.change(key, route);
    }

    /**
     * The requests of {@link #moveTo}, queued in {@code batch} in the same order: what makes {@code next}, then what
     * removes the rest of this plan. Shared objects are counted as in {@link #moveTo}.
     */
    Queued queueMoveTo(KernelBatch batch, KernelPlan next, SharedKernelObjects shared) {
        List<Integer> making = new ArrayList<>();
        List<Integer> removing = new ArrayList<>();
        for (Map.Entry<RouteKey, Route> e : next.routes.entrySet()) {
            if (kernelMustInstall(e.getKey(), e.getValue(), shared)) {
                making.add(batch.replaceRoute(e.getValue()));
            }
        }
        for (Rule r : next.rules) {
            if (!rules.contains(r) && shared.hold(r, r)) {
                making.add(batch.addRule(r));
            }
        }
        for (Rule r : rules) {
            if (!next.rules.contains(r) && shared.release(r, r) != null) {
                removing.add(batch.removeRule(r));
            }
        }
        for (Map.Entry<RouteKey, Route> e : routes.entrySet()) {
            if (!next.routes.containsKey(e.getKey())) {
                Route last = (Route) shared.release(e.getKey(), e.getValue());
                if (last != null) {
                    removing.add(batch.removeRoute(last));
                }
            }
        }
        return new Queued(making, removing);
    }

    /** The indexes of a move's requests in a batch. */
    record Queued(List<Integer> making, List<Integer> removing) {

        /** The first refusal that matters: any of what makes the new plan, or a removal of what is still there. */
        KernelException failure(Map<Integer, KernelException> refused) {
            for (int i : making) {
                if (refused.containsKey(i)) {
                    return refused.get(i);
                }
            }
            for (int i : removing) {
                KernelException e = refused.get(i);
                if (e != null && !alreadyGone(e)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Removes what this plan installed (what other tunnels still hold stays). */
    void remove(KernelDriver driver, SharedKernelObjects shared) {
        moveTo(driver, EMPTY, shared);
    }

    /** An object already gone (with its link, say) is removed; any other refusal is kept and thrown at the end. */
    private static void removeQuietly(Runnable removal, List<RuntimeException> failures) {
        try {
            removal.run();
        } catch (KernelException e) {
            if (!alreadyGone(e)) {
                failures.add(e);
            }
        }
    }

    /** ENOENT, ESRCH, ENODEV: the object went before us (with its link, say). */
    static boolean alreadyGone(KernelException e) {
        return e.errno() == 2 || e.errno() == 3 || e.errno() == 19;
    }
}
