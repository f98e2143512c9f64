package mobility.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

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

    @Activate
    public LogConsole(@Reference LogReaderService reader, Config config,
            org.osgi.framework.BundleContext context) {
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
            line.append(" (").append(entry.getException()).append(')');
        }
        err.println(line);
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
