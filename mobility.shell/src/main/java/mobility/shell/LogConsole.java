package mobility.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Prints the container's log on stderr, one line per entry at or above the configured level, so that what a role
 * reports (a restored binding, a refused registration, a kernel error) reaches the operator and the container's log
 * file. Configuration PID {@code mobility.log}.
 */
@Component(immediate = true, configurationPid = LogConsole.PID)
@Designate(ocd = LogConsole.Config.class)
public class LogConsole implements LogListener {

    static final String PID = "mobility.log";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @ObjectClassDefinition(name = "Log console", description = "Which log entries the container prints on stderr.")
    public @interface Config {
        @AttributeDefinition(name = "Level", description = "error, warn, info, debug or trace. One-shot "
                + "commands (./mobility -c) print errors only unless configured.")
        String level() default "";
    }

    private final LogReaderService reader;
    private final LogLevel threshold;
    private final PrintStream err = System.err;

    /** OSGi LoggerAdmin (Log Service 1.4 §101.8): the root logger's level comes from this configuration. */
    static final String LOGGER_ADMIN_PID = "org.osgi.service.log.admin";

    @Activate
    public LogConsole(@Reference LogReaderService reader, @Reference ConfigurationAdmin configAdmin, Config config,
            org.osgi.framework.BundleContext context) throws java.io.IOException {
        this.reader = reader;
        String level = config.level().isBlank()
                ? (context.getProperty(OneShotCommand.COMMAND_PROPERTY) != null ? "error" : "info")
                : config.level().trim();
        try {
            this.threshold = LogLevel.valueOf(level.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.log level='" + level
                    + "' is not one of error, warn, info, debug, trace", e);
        }
        reader.addLogListener(this);
        raiseRootLogLevel(configAdmin);
    }

    /**
     * Loggers drop entries below their effective level before any listener sees them, and the root level defaults
     * to WARN: without this, a role's INFO lines (a move, a restored binding) would never be printed.
     */
    private void raiseRootLogLevel(ConfigurationAdmin configAdmin) throws java.io.IOException {
        Configuration admin = configAdmin.getConfiguration(LOGGER_ADMIN_PID, "?");
        Dictionary<String, Object> props = admin.getProperties();
        if (props != null && threshold.name().equals(props.get("ROOT"))) {
            return;
        }
        Dictionary<String, Object> levels = new Hashtable<>();
        levels.put("ROOT", threshold.name());
        admin.update(levels);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!threshold.implies(entry.getLogLevel())) {
            return;
        }
        String bundle = entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName();
        boolean quiet = entry.getLogLevel().ordinal() > LogLevel.WARN.ordinal();
        if (quiet && (bundle == null || !bundle.startsWith("mobility.") || isFrameworkEvent(entry.getMessage()))) {
            return; // the framework's own chatter below warnings is not the operator's business
        }
        StringBuilder line = new StringBuilder(160).append(TIME.format(Instant.ofEpochMilli(entry.getTime())))
                .append(' ').append(entry.getLogLevel()).append(' ').append(bundle).append(": ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            line.append(" (").append(causes(entry.getException())).append(')');
        }
        err.println(line);
    }

    /**
     * The exception and each cause under it, so that what went wrong is named: SCR logs a component constructor's
     * failure as the reflective wrapper, whose own message is empty, with the component's exception as its cause.
     * (Felix's log service hands listeners a copy of each exception in the chain whose message is the original's
     * class name and message.)
     */
    static String causes(Throwable failure) {
        StringBuilder out = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String text = t.toString().replaceFirst("^org\\.apache\\.felix\\.log\\.LogException: ", "");
            if (t.getCause() != null && (text.endsWith(": null") || t.getMessage() == null)) {
                continue; // a bare wrapper (InvocationTargetException): its cause says it all
            }
            out.append(out.length() == 0 ? "" : "; caused by: ").append(text);
        }
        return out.length() == 0 ? failure.toString() : out.toString();
    }

    /** Felix's log service records every bundle and service event under the bundle's name. */
    private static boolean isFrameworkEvent(String message) {
        return message != null && (message.startsWith("ServiceEvent ") || message.startsWith("BundleEvent ")
                || message.startsWith("FrameworkEvent "));
    }

    @Deactivate
    void stop() {
        reader.removeLogListener(this);
    }
}
