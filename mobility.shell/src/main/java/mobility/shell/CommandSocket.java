package mobility.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Lets {@code ./mobility --conf DIR -c '...'} run a command in the container that already runs on that folder: a
 * Unix socket {@value #SOCKET} in the container's state folder (so it works across network namespaces and only for
 * whoever may read that folder). A request is one command line; the answer is a header line
 * {@code status <code> <stdout bytes> <stderr bytes>} followed by the two outputs.
 */
@Component(immediate = true)
public class CommandSocket {

    static final String SOCKET = "command.sock";

    private final BundleContext context;
    private final CommandProcessor processor;
    private final Logger log;
    private final Path path;
    private final ServerSocketChannel server;
    /** Removes the socket file when the JVM ends without stopping the framework first (SIGTERM to the launcher). */
    private final Thread cleanup;

    @Activate
    public CommandSocket(BundleContext context, @Reference CommandProcessor processor,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.context = context;
        this.processor = processor;
        this.log = log;
        String stateDir = context.getProperty("mobility.state.dir");
        if (stateDir == null || context.getProperty(OneShotCommand.COMMAND_PROPERTY) != null) {
            // No state folder (a test framework), or this container is itself a one-shot command.
            path = null;
            server = null;
            cleanup = null;
            return;
        }
        path = Path.of(stateDir, SOCKET);
        // The framework's storage lock guarantees no other container runs on this state folder: a file here is stale.
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Path socketFile = path;
        cleanup = new Thread(() -> socketFile.toFile().delete(), "mobility-command-socket-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Thread t = new Thread(this::serve, "mobility-command-socket");
        t.setDaemon(true);
        t.start();
    }

    private void serve() {
        try {
            LauncherReadiness.await(context, OneShotCommand.settleLimitMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client);
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("command socket: {}", e.getMessage());
                }
            }
        }
    }

    private void answer(SocketChannel client) throws IOException {
        String line = readLine(client);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new java.io.ByteArrayInputStream(new byte[0]), o, e)) {
            try {
                Object result = session.execute(line);
                if (result != null) {
                    o.println(session.format(result, Converter.INSPECT));
                }
                status = 0;
            } catch (Exception ex) {
                e.println("mobility: " + line + ": " + (ex.getMessage() == null ? ex : ex.getMessage()));
                status = 1;
            }
        }
        byte[] header = ("status " + status + " " + out.size() + " " + err.size() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        write(client, header);
        write(client, out.toByteArray());
        write(client, err.toByteArray());
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (client.read(one.clear()) > 0) {
            byte b = one.get(0);
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void write(SocketChannel client, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            client.write(b);
        }
    }

    @Deactivate
    void stop() throws IOException {
        if (server != null) {
            server.close();
            Files.deleteIfExists(path);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs anyway.
            }
        }
    }
}
