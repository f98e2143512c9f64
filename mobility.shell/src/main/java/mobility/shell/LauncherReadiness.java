package mobility.shell;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Whether the launcher has started every bundle of the container. The bnd launcher registers itself with
 * {@code launcher.arguments} early and adds {@code launcher.ready=true} once every bundle was started; before that,
 * a command may arrive while Gogo does not know every command yet.
 */
final class LauncherReadiness {

    private LauncherReadiness() {
    }

    /** True once the launcher is done, or when there is no bnd launcher to wait for. */
    static boolean done(BundleContext context) {
        try {
            return context.getServiceReferences((String) null, "(launcher.arguments=*)") == null
                    || context.getServiceReferences((String) null, "(launcher.ready=true)") != null;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@link #done} or {@code millis} have passed. */
    static void await(BundleContext context, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!done(context) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }
}
