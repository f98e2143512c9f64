package mobility.netlink.nl;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import mobility.api.kernel.KernelException;
import mobility.api.kernel.NetworkNamespace;

/**
 * Runs work inside another network namespace. A socket or TUN device belongs to the namespace of the thread that
 * created it, and a thread may switch its own namespace with setns(2): so the work runs on a dedicated thread
 * that enters the namespace, does it, and switches back before it ends, leaving every other thread of the JVM
 * where it was.
 */
public final class Namespaces {

    private static final String OWN_NAMESPACE = "/proc/thread-self/ns/net";

    private Namespaces() {
    }

    /** Runs {@code work} in {@code namespace} (directly when it is the JVM's own). */
    public static <T> T inside(NetworkNamespace namespace, Callable<T> work) {
        if (namespace.isCurrent()) {
            return call(work);
        }
        String path = namespace.path().toString();
        return onDedicatedThread("netns " + path, () -> {
            LibC libc = Native.libc();
            int target = libc.open(path, Native.O_RDONLY | Native.O_CLOEXEC);
            if (target < 0) {
                throw new KernelException("open network namespace " + path, Native.errno(), "");
            }
            try {
                return switched(() -> {
                    if (libc.setns(target, Native.CLONE_NEWNET) < 0) {
                        throw new KernelException("setns " + path, Native.errno(), "");
                    }
                }, work);
            } finally {
                libc.close(target);
            }
        });
    }

    /**
     * Runs {@code work} in a new, empty network namespace (unshare(2)) that only this work sees. The namespace
     * lives as long as something opened in it (a socket) stays open, and disappears with it: no name, no trace.
     */
    public static <T> T inFreshNamespace(Callable<T> work) {
        return onDedicatedThread("fresh netns", () -> switched(() -> {
            if (Native.libc().unshare(Native.CLONE_NEWNET) < 0) {
                throw new KernelException("unshare(CLONE_NEWNET)", Native.errno(), "");
            }
        }, work));
    }

    private static <T> T switched(Runnable enter, Callable<T> work) throws Exception {
        LibC libc = Native.libc();
        int own = libc.open(OWN_NAMESPACE, Native.O_RDONLY | Native.O_CLOEXEC);
        if (own < 0) {
            throw new KernelException("open " + OWN_NAMESPACE, Native.errno(), "");
        }
        try {
            enter.run();
            try {
                return work.call();
            } finally {
                if (libc.setns(own, Native.CLONE_NEWNET) < 0) {
                    throw new KernelException("setns back to the JVM's namespace", Native.errno(), "");
                }
            }
        } finally {
            libc.close(own);
        }
    }

    private static <T> T onDedicatedThread(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "mobility-" + name);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working in " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + ": " + cause.getMessage(), cause);
        }
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
