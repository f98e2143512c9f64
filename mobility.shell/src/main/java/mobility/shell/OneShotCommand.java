package mobility.shell;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Runs the command line given to {@code ./mobility -c '...'} once the container has settled, prints its result,
 * and ends the JVM with the command's status: 0 on success, 1 when it failed (its error on stderr).
 *
 * <p>Active only when the launcher sets the framework property {@value #COMMAND_PROPERTY}. "Settled" means the
 * framework has started, no bundle or service event happened for {@value #QUIET_MILLIS} ms, and no immediate
 * component is still being activated (a long activation, such as the kernel driver's probe and clean-up, sends no
 * events while it runs), so Declarative Services and fileinstall have applied what the watched folder holds before
 * the command looks at the state.
 */
@Component(immediate = true)
public class OneShotCommand {

    static final String COMMAND_PROPERTY = "mobility.command";
    /** When set, the time from JVM start to a settled container is printed on stderr (for ./mobility bench startup). */
    static final String TIMING_PROPERTY = "mobility.timing";
    static final long QUIET_MILLIS = 300;
    static final long SETTLE_LIMIT_MILLIS = 20_000;
    /**
     * Scales the settle limit where everything runs many times slower (Debian's kernel under qemu's software
     * emulation, where a container takes 20-60 s to start): the environment variable the slow test lanes set.
     */
    static final String TIMEOUT_SCALE_VARIABLE = "MOBILITY_TIMEOUT_SCALE";

    private final BundleContext context;
    private final CommandProcessor processor;
    private final ServiceComponentRuntime components;
    private final AtomicLong lastEvent = new AtomicLong(System.nanoTime());
    private final ServiceListener serviceListener = e -> lastEvent.set(System.nanoTime());
    private final BundleListener bundleListener = e -> lastEvent.set(System.nanoTime());
    private Thread runner;

    @Activate
    public OneShotCommand(BundleContext context, @Reference CommandProcessor processor,
            @Reference ServiceComponentRuntime components) {
        this.context = context;
        this.processor = processor;
        this.components = components;
        String command = context.getProperty(COMMAND_PROPERTY);
        if (command == null || command.isBlank()) {
            return;
        }
        context.addServiceListener(serviceListener);
        context.addBundleListener(bundleListener);
        runner = new Thread(() -> run(command), "mobility-one-shot");
        runner.setDaemon(true);
        runner.start();
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(serviceListener);
        context.removeBundleListener(bundleListener);
    }

    private void run(String command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        int status;
        try {
            if (!awaitSettled()) {
                err.println("mobility: the container did not settle within " + settleLimitMillis()
                        + " ms; running the command anyway (" + TIMEOUT_SCALE_VARIABLE + " scales the limit)");
            }
            if (context.getProperty(TIMING_PROPERTY) != null) {
                reportTiming(err);
            }
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err)) {
                Object result = session.execute(command);
                if (result != null) {
                    CharSequence text = session.format(result, Converter.INSPECT);
                    out.println(text);
                }
                status = 0;
            }
        } catch (Exception e) {
            err.println("mobility: " + command + ": " + describe(e));
            status = 1;
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    static long settleLimitMillis() {
        String scale = System.getenv(TIMEOUT_SCALE_VARIABLE);
        try {
            return scale == null ? SETTLE_LIMIT_MILLIS : Math.max(1, Math.round(Double.parseDouble(scale)
                    * SETTLE_LIMIT_MILLIS));
        } catch (NumberFormatException e) {
            return SETTLE_LIMIT_MILLIS;
        }
    }

    /** Whether the container settled before the limit. */
    private boolean awaitSettled() throws InterruptedException {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleLimitMillis());
        long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (framework.getState() == Bundle.ACTIVE && LauncherReadiness.done(context) && now - lastEvent.get() >= quiet
                    && !activating()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** "Ready" is the last bundle or service event before the container settled, measured from JVM start. */
    private void reportTiming(PrintStream err) {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long sinceLastEvent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastEvent.get());
        long readyAt = System.currentTimeMillis() - sinceLastEvent - jvmStart;
        err.println("mobility: timing ready_ms=" + readyAt);
    }

    /** Whether an immediate component is satisfied but not yet active: its activation is still running. */
    private boolean activating() {
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (description.immediate) {
                for (ComponentConfigurationDTO c : components.getComponentConfigurationDTOs(description)) {
                    if (c.state == ComponentConfigurationDTO.SATISFIED) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message;
    }
}
