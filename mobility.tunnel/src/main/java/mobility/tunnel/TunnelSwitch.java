package mobility.tunnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import mobility.api.tunnel.BatchingTunnelProvider;
import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/**
 * The {@link DataPlane}: the provider in use is the one the configuration names (when it is available), else the
 * available one with the highest preference. Roles hold {@link LiveTunnel} handles; a switch opens each tunnel on
 * the new provider before it closes it on the old one, so its traffic always has a way (make before break), and
 * the handle stays the same.
 */
public final class TunnelSwitch implements DataPlane {

    private final Map<String, TunnelProvider> providers = new LinkedHashMap<>();
    private final List<LiveTunnel> tunnels = new CopyOnWriteArrayList<>();
    private String configured = "";
    private String switchedTo;
    private String inUse;
    private String why = "no tunnel opened yet";

    /**
     * Providers register one by one; a tunnel opened before the best one arrived (a role that starts away from home)
     * moves to it, make before break, unless an operator chose the provider.
     */
    public synchronized void addProvider(TunnelProvider provider) {
        providers.put(provider.name(), provider);
        if (tunnels.isEmpty() || switchedTo != null) {
            return;
        }
        try {
            TunnelProvider best = choose();
            if (!best.name().equals(inUse)) {
                move(best, "provider " + best.name() + " arrived: " + why);
            }
        } catch (TunnelException e) {
            why = "provider " + provider.name() + " arrived, but the live tunnels could not move to it: "
                    + e.getMessage();
        }
    }

    /** A provider going away takes no tunnel with it: they move to the best remaining one first. */
    public synchronized void removeProvider(TunnelProvider provider) {
        providers.remove(provider.name(), provider);
        if (provider.name().equals(switchedTo)) {
            switchedTo = null;
        }
        boolean used = tunnels.stream().anyMatch(t -> t.provider == provider);
        if (used) {
            try {
                TunnelProvider next = choose();
                move(next, "provider " + provider.name() + " went away");
            } catch (TunnelException e) {
                for (LiveTunnel t : tunnels) {
                    if (t.provider == provider) {
                        t.close();
                    }
                }
                why = "provider " + provider.name() + " went away and no other can carry its tunnels: "
                        + e.getMessage();
            }
        }
    }

    /** The configured provider ("" for automatic); live tunnels move when the choice changes. */
    public synchronized void configure(String providerName) throws TunnelException {
        configured = providerName == null ? "" : providerName.trim();
        switchedTo = null;
        if (!tunnels.isEmpty()) {
            TunnelProvider next = choose();
            if (!next.name().equals(inUse)) {
                move(next, why);
            }
        }
    }

    /** The provider to use now, with {@link #why} set to the reason. */
    private TunnelProvider choose() throws TunnelException {
        String wanted = switchedTo != null ? switchedTo : configured;
        String fallbackReason = "";
        if (!wanted.isEmpty()) {
            TunnelProvider p = providers.get(wanted);
            if (p != null && p.availability().available()) {
                why = switchedTo != null ? "switched to " + wanted : "configured (mobility.tunnel provider=" + wanted
                        + ")";
                return p;
            }
            fallbackReason = "configured provider " + wanted + (p == null ? " is not installed"
                    : " is unavailable (" + p.availability().reason() + ")") + "; ";
        }
        TunnelProvider best = providers.values().stream().filter(p -> p.availability().available())
                .max(Comparator.comparingInt(TunnelProvider::preference)).orElse(null);
        if (best == null) {
            throw new TunnelException("no tunnel provider is available: " + describeProviders());
        }
        why = fallbackReason + "best available by preference (" + best.preference() + ")";
        return best;
    }

    @Override
    public synchronized Tunnel open(TunnelSpec spec) throws TunnelException {
        TunnelProvider p = choose();
        LiveTunnel t = new LiveTunnel(p, p.open(spec));
        inUse = p.name();
        tunnels.add(t);
        return t;
    }

    /**
     * The changes of tunnels on the provider in use go to it together when it batches; the rest (a provider that does
     * not, a tunnel still on another provider) one by one.
     */
    @Override
    public synchronized List<TunnelChange.Outcome> apply(List<TunnelChange> changes) {
        TunnelChange.Outcome[] outcomes = new TunnelChange.Outcome[changes.size()];
        TunnelProvider p;
        try {
            p = choose();
        } catch (TunnelException e) {
            p = null;
        }
        List<Integer> batched = new ArrayList<>();
        List<TunnelChange> toProvider = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            TunnelChange c = changes.get(i);
            LiveTunnel live = (LiveTunnel) c.tunnel();
            if (p instanceof BatchingTunnelProvider && (c.opens() || live.provider == p)) {
                batched.add(i);
                toProvider.add(c.opens() ? c : new TunnelChange(live.delegate, c.spec()));
            } else {
                outcomes[i] = applyOne(c);
            }
        }
        if (!toProvider.isEmpty()) {
            List<TunnelChange.Outcome> done = ((BatchingTunnelProvider) p).apply(toProvider);
            for (int k = 0; k < batched.size(); k++) {
                int i = batched.get(k);
                TunnelChange c = changes.get(i);
                TunnelChange.Outcome o = done.get(k);
                if (c.opens() && o.succeeded()) {
                    LiveTunnel t = new LiveTunnel(p, o.tunnel());
                    inUse = p.name();
                    tunnels.add(t);
                    outcomes[i] = TunnelChange.Outcome.done(t);
                } else if (c.closes()) {
                    tunnels.remove(c.tunnel());
                    outcomes[i] = o;
                } else {
                    outcomes[i] = o.succeeded() ? TunnelChange.Outcome.done(c.tunnel()) : o;
                }
            }
        }
        return List.of(outcomes);
    }

    private TunnelChange.Outcome applyOne(TunnelChange c) {
        try {
            if (c.opens()) {
                return TunnelChange.Outcome.done(open(c.spec()));
            }
            if (c.closes()) {
                c.tunnel().close();
                return TunnelChange.Outcome.done(null);
            }
            c.tunnel().update(c.spec());
            return TunnelChange.Outcome.done(c.tunnel());
        } catch (TunnelException e) {
            return TunnelChange.Outcome.failed(e);
        } catch (RuntimeException e) {
            return TunnelChange.Outcome.failed(new TunnelException(e.getMessage(), e));
        }
    }

    @Override
    public synchronized String provider() {
        if (inUse != null) {
            return inUse;
        }
        try {
            return choose().name();
        } catch (TunnelException e) {
            return "none";
        }
    }

    @Override
    public synchronized void switchTo(String providerName) throws TunnelException {
        TunnelProvider target = providers.get(providerName);
        if (target == null) {
            throw new TunnelException("no tunnel provider named " + providerName + "; known: " + providers.keySet());
        }
        TunnelProvider.Availability a = target.availability();
        if (!a.available()) {
            throw new TunnelException("tunnel provider " + providerName + " is unavailable: " + a.reason());
        }
        move(target, "switched to " + providerName);
        switchedTo = providerName;
    }

    /** Opens every live tunnel on {@code target}, then closes it where it was; undoes all if one cannot move. */
    private void move(TunnelProvider target, String reason) throws TunnelException {
        List<Tunnel> opened = new ArrayList<>();
        for (LiveTunnel t : tunnels) {
            if (t.provider == target) {
                opened.add(null);
                continue;
            }
            try {
                opened.add(target.open(t.spec()));
            } catch (TunnelException e) {
                for (Tunnel o : opened) {
                    if (o != null) {
                        o.close();
                    }
                }
                throw new TunnelException("cannot move the tunnels to " + target.name() + ": " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < tunnels.size(); i++) {
            Tunnel replacement = opened.get(i);
            if (replacement != null) {
                tunnels.get(i).replace(target, replacement);
            }
        }
        inUse = target.name();
        why = reason;
    }

    @Override
    public List<Tunnel> tunnels() {
        return List.copyOf(tunnels);
    }

    private String describeProviders() {
        StringBuilder b = new StringBuilder();
        providers.values().forEach(p -> b.append(b.length() == 0 ? "" : "; ").append(p.name()).append(": ")
                .append(p.availability().reason()));
        return b.length() == 0 ? "none installed" : b.toString();
    }

    @Override
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", provider());
        out.put("reason", why);
        out.put("configured", configured.isEmpty() ? "auto" : configured);
        out.put("tunnels", tunnels.size());
        Map<String, Object> all = new LinkedHashMap<>();
        providers.values().stream().sorted(Comparator.comparingInt(TunnelProvider::preference).reversed())
                .forEach(p -> {
                    TunnelProvider.Availability a = p.availability();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("available", a.available());
                    m.put("preference", p.preference());
                    m.put("reason", a.reason());
                    all.put(p.name(), m);
                });
        out.put("providers", all);
        return out;
    }

    /** Closes every live tunnel (the data plane is going away). */
    public synchronized void closeAll() {
        for (LiveTunnel t : tunnels) {
            t.close();
        }
    }

    /** The handle a role holds; the tunnel behind it may move between providers. */
    final class LiveTunnel implements Tunnel {

        private volatile TunnelProvider provider;
        private volatile Tunnel delegate;

        LiveTunnel(TunnelProvider provider, Tunnel delegate) {
            this.provider = provider;
            this.delegate = delegate;
        }

        void replace(TunnelProvider nextProvider, Tunnel next) {
            Tunnel old = delegate;
            provider = nextProvider;
            delegate = next;
            old.close();
        }

        /** The provider carrying the tunnel now. */
        String providerName() {
            return provider.name();
        }

        @Override
        public TunnelSpec spec() {
            return delegate.spec();
        }

        @Override
        public void update(TunnelSpec spec) throws TunnelException {
            synchronized (TunnelSwitch.this) {
                delegate.update(spec);
            }
        }

        @Override
        public Map<String, Long> counters() {
            return delegate.counters();
        }

        @Override
        public void close() {
            synchronized (TunnelSwitch.this) {
                if (tunnels.remove(this)) {
                    delegate.close();
                }
            }
        }
    }
}
