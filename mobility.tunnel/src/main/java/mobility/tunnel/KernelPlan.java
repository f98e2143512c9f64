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

    /** Applies {@code next} where this plan is installed; returns {@code next}. */
    KernelPlan moveTo(KernelDriver driver, KernelPlan next) {
        for (Route r : next.routes.values()) {
            if (!Objects.equals(routes.get(RouteKey.of(r)), r)) {
                driver.routes().replace(r);
            }
        }
        for (Rule r : next.rules) {
            if (!rules.contains(r)) {
                driver.rules().add(r);
            }
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (Rule r : rules) {
            if (!next.rules.contains(r)) {
                removeQuietly(() -> driver.rules().remove(r), failures);
            }
        }
        for (Map.Entry<RouteKey, Route> e : routes.entrySet()) {
            if (!next.routes.containsKey(e.getKey())) {
                removeQuietly(() -> driver.routes().remove(e.getValue()), failures);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return next;
    }

    /**
     * The requests of {@link #moveTo}, queued in {@code batch} in the same order: what makes {@code next}, then what
     * removes the rest of this plan.
     */
    Queued queueMoveTo(KernelBatch batch, KernelPlan next) {
        List<Integer> making = new ArrayList<>();
        List<Integer> removing = new ArrayList<>();
        for (Route r : next.routes.values()) {
            if (!Objects.equals(routes.get(RouteKey.of(r)), r)) {
                making.add(batch.replaceRoute(r));
            }
        }
        for (Rule r : next.rules) {
            if (!rules.contains(r)) {
                making.add(batch.addRule(r));
            }
        }
        for (Rule r : rules) {
            if (!next.rules.contains(r)) {
                removing.add(batch.removeRule(r));
            }
        }
        for (Map.Entry<RouteKey, Route> e : routes.entrySet()) {
            if (!next.routes.containsKey(e.getKey())) {
                removing.add(batch.removeRoute(e.getValue()));
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

    /** Removes what this plan installed. */
    void remove(KernelDriver driver) {
        moveTo(driver, EMPTY);
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
