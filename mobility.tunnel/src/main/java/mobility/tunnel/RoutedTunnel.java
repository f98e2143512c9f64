package mobility.tunnel;

import java.util.Map;

import mobility.api.kernel.KernelDriver;
import mobility.api.kernel.KernelException;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelSpec;

/**
 * What every provider's tunnel shares: the kernel plan it installed, the private table of a reverse tunnel, and a
 * move or close under its provider's lock. A provider says how a spec becomes kernel state ({@link #install}) and
 * what else a move or close touches.
 */
abstract class RoutedTunnel implements Tunnel {

    final KernelDriver driver;
    final int privateTable;
    /** The kernel objects this tunnel shares with the provider's other tunnels. */
    final SharedKernelObjects shared;
    KernelPlan installed = KernelPlan.EMPTY;
    TunnelSpec spec;
    private final Object lock;
    private final TunnelTables.Allocator tables;
    private boolean closed;

    /** Installs {@code first}; on failure removes what got installed and gives the table back. */
    RoutedTunnel(KernelDriver driver, Object lock, TunnelTables.Allocator tables, SharedKernelObjects shared,
            TunnelSpec first) {
        this.driver = driver;
        this.shared = shared;
        this.lock = lock;
        this.tables = tables;
        this.privateTable = first.fromOnly() == null ? 0 : tables.take();
        try {
            install(first);
        } catch (RuntimeException e) {
            installed.remove(driver, shared);
            if (privateTable != 0) {
                tables.give(privateTable);
            }
            throw e;
        }
    }

    /**
     * A tunnel whose kernel state its provider installs in a batch: it sets {@link #installed} and {@link #spec}
     * when the batch succeeded, or calls {@link #abandon} when it did not.
     */
    RoutedTunnel(KernelDriver driver, Object lock, TunnelTables.Allocator tables, SharedKernelObjects shared,
            boolean reverse) {
        this.driver = driver;
        this.shared = shared;
        this.lock = lock;
        this.tables = tables;
        this.privateTable = reverse ? tables.take() : 0;
    }

    /** Gives back what a tunnel of a failed batch, or one closed in a batch, holds besides kernel state. */
    void abandon() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                if (privateTable != 0) {
                    tables.give(privateTable);
                }
            }
        }
    }

    /** Makes the kernel state of {@code next} from what is installed; sets {@link #installed} and {@link #spec}. */
    abstract void install(TunnelSpec next);

    /** What a move changes besides the plan (the tunnel source, the provider's shared state). */
    abstract void moved(TunnelSpec previous);

    /** What closing removes besides the plan (a link of its own), before the provider forgets the tunnel. */
    void removeOwn() {
    }

    /** The provider forgets the tunnel. */
    abstract void forget();

    abstract String providerName();

    abstract Map<String, Long> providerCounters();

    @Override
    public TunnelSpec spec() {
        synchronized (lock) {
            return spec;
        }
    }

    @Override
    public void update(TunnelSpec next) throws TunnelException {
        synchronized (lock) {
            TunnelSpec previous = spec;
            try {
                install(next);
                moved(previous);
            } catch (KernelException | IllegalStateException e) {
                throw new TunnelException(providerName() + " tunnel move to " + next.local() + " -> " + next.remote()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** The tunnel's counters as its provider keeps them. */
    @Override
    public Map<String, Long> counters() {
        return providerCounters();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                installed.remove(driver, shared);
                removeOwn();
            } finally {
                if (privateTable != 0) {
                    tables.give(privateTable);
                }
                forget();
            }
        }
    }
}
