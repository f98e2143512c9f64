package mobility.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A console compatible with mip6d's virtual terminal: TCP, prompt {@code mip6d> }, commands {@code bc}, {@code bul},
 * {@code stats}, {@code help}, {@code quit}, output in mip6d's layout. Listens on the loopback address unless
 * configured otherwise, and refuses a non-loopback address unless {@code allowRemote} says so.
 */
@Component(immediate = true, configurationPid = ConsoleConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ConsoleConfiguration.class)
public class Mip6dConsole {

    static final String PROMPT = "mip6d> ";
    static final String HELP = """
            bc     show the binding cache (home agent)
            bul    show the binding update list (mobile node)
            stats  show the counters
            help   show this list
            quit   close this session
            """;

    private final OperatorView view;
    private final Logger log;
    private final ServerSocket server;
    private final Semaphore sessions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    @Activate
    public Mip6dConsole(@Reference OperatorView view,
            @Reference(service = LoggerFactory.class) Logger log, ConsoleConfiguration config) throws IOException {
        this.view = view;
        this.log = log;
        this.sessions = new Semaphore(config.maxSessions());
        this.server = config.enabled() ? listen(config) : null;
        if (server != null) {
            Thread accept = new Thread(this::acceptLoop, "mip6d-console");
            accept.setDaemon(true);
            accept.start();
        }
    }

    private ServerSocket listen(ConsoleConfiguration config) throws IOException {
        InetAddress address = InetAddress.getByName(config.address());
        if (!address.isLoopbackAddress() && !config.allowRemote()) {
            throw new IllegalArgumentException("mobility.console address=" + config.address()
                    + " is not a loopback address: set allowRemote=true to listen there on purpose");
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(address, config.port()));
        } catch (IOException e) {
            s.close();
            // Another container in the same network namespace has the port: run without a console, say so.
            log.warn("mip6d-compatible console not started: {} port {}: {}", config.address(), config.port(),
                    e.getMessage());
            return null;
        }
        log.info("mip6d-compatible console on {} port {}", config.address(), config.port());
        return s;
    }

    /** The port actually bound, or -1 when the console is not listening. */
    int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!sessions.tryAcquire()) {
                    try (socket; PrintWriter out = writer(socket)) {
                        out.print("too many sessions\n");
                    }
                    continue;
                }
                open.add(socket);
                Thread t = new Thread(() -> session(socket), "mip6d-console-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("mip6d-compatible console: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void session(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = writer(socket)) {
            out.print(PROMPT);
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.trim();
                if (command.equals("quit") || command.equals("exit")) {
                    break;
                }
                out.print(execute(command).replace("\n", "\r\n"));
                out.print(PROMPT);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("mip6d-compatible console session ended: {}", e.getMessage());
        } finally {
            open.remove(socket);
            sessions.release();
        }
    }

    /** One command line's output, in mip6d's layout. */
    String execute(String command) {
        long now = System.currentTimeMillis();
        try {
            return switch (command) {
                case "" -> "";
                case "help" -> HELP;
                case "bc" -> each(view.bindings(), b -> Mip6dLayout.binding(b, now));
                case "bul" -> each(view.bindingUpdateList(), e -> Mip6dLayout.bulEntry(e, now));
                case "stats" -> Mip6dLayout.statistics(view.statistics());
                default -> "Unknown command: " + command + " (help lists the commands)\n";
            };
        } catch (IllegalStateException e) {
            return e.getMessage() + "\n";
        }
    }

    private static <T> String each(Iterable<T> items, Function<T, String> format) {
        StringBuilder out = new StringBuilder();
        items.forEach(i -> out.append(format.apply(i)));
        return out.toString();
    }

    private static PrintWriter writer(Socket socket) throws IOException {
        return new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII), false);
    }

    @Deactivate
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket s : open) {
            s.close();
        }
    }
}
