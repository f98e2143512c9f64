package mobility.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import mobility.api.kernel.NetworkNamespace;
import mobility.api.net.Ipv6Address;
import mobility.netlink.nl.Namespaces;

/**
 * A TCP stream between two namespaces: a socket belongs to the namespace of the thread that creates it, so each end
 * is created inside its namespace and then used from the test's threads. The sender writes a counting byte pattern;
 * the receiver checks every byte, so a lost, repeated or reordered byte fails the stream.
 */
final class TcpStream implements AutoCloseable {

    private final ServerSocket server;
    private final Socket client;
    private final Socket accepted;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean running = true;

    TcpStream(NetworkNamespace serverSide, Ipv6Address serverAddress, NetworkNamespace clientSide,
            Ipv6Address clientAddress, int port) throws IOException {
        server = Namespaces.inside(serverSide, () -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(serverAddress.toInet6Address(), port));
            return s;
        });
        client = Namespaces.inside(clientSide, () -> {
            Socket c = new Socket();
            c.bind(new InetSocketAddress(clientAddress.toInet6Address(), 0));
            return c;
        });
        client.connect(new InetSocketAddress(serverAddress.toInet6Address(), port), 5000);
        accepted = server.accept();
        accepted.setSoTimeout(20_000);
        writer = new Thread(this::write, "tcp-writer");
        reader = new Thread(this::read, "tcp-reader");
        writer.start();
        reader.start();
    }

    private void write() {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = client.getOutputStream()) {
            long at = 0;
            while (running) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) (at + i);
                }
                out.write(chunk);
                at += chunk.length;
                sent.set(at);
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private void read() {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = accepted.getInputStream()) {
            long at = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != (byte) (at + i)) {
                        throw new IOException("byte " + (at + i) + " is wrong: the stream lost or repeated data");
                    }
                }
                at += n;
                received.set(at);
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        }
    }

    long received() {
        return received.get();
    }

    /**
     * Waits until {@code bytes} more than now have arrived; false when {@code millis} pass first. The wait is
     * stretched by MOBILITY_TIMEOUT_SCALE: the guest lane runs these tests under software emulation.
     */
    boolean advances(long bytes, long millis) throws InterruptedException {
        long target = received.get() + bytes;
        long scale = Long.parseLong(System.getenv().getOrDefault("MOBILITY_TIMEOUT_SCALE", "1"));
        long deadline = System.currentTimeMillis() + millis * Math.max(1, scale);
        while (received.get() < target && System.currentTimeMillis() < deadline && failure.get() == null) {
            Thread.sleep(20);
        }
        return received.get() >= target;
    }

    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        client.close();
        accepted.close();
        server.close();
        writer.join(5000);
        reader.join(5000);
    }
}
