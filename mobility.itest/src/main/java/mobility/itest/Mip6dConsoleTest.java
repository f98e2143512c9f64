package mobility.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingCache;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;

/** The mip6d-compatible console: a client connects over TCP, types commands, reads mip6d's layout. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class Mip6dConsoleTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    ConfigurationAdmin configAdmin;

    @Test
    void bcPrintsMip6dLayoutAfterThePrompt() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Configuration cfg = configAdmin.getConfiguration("mobility.console", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("port", port);
        cfg.update(props);
        long now = System.currentTimeMillis();
        Binding b = new Binding(Ipv6Address.parse("2001:db8::beef"), Ipv6Address.parse("2001:db8:1:0:205:5dff:fef2:db2b"),
                Ipv6Address.parse("2001:db8::"), 19429, Binding.ACKNOWLEDGE | Binding.HOME_REGISTRATION, 262140, now,
                now + 262_068_000L, List.of());
        ServiceRegistration<BindingCache> reg = context.registerService(BindingCache.class, new FixedBindingCache(BindingKind.HOME_REGISTRATION, b), null);
        try (Socket s = connect(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertEquals("mip6d> ", readUntilPrompt(in));
            out.write("bc\r\n".getBytes(StandardCharsets.US_ASCII));
            String bc = readUntilPrompt(in);
            assertTrue(bc.startsWith("hoa 2001:db8:0:0:0:0:0:beef status registered\r\n"), bc);
            assertTrue(bc.contains(" coa 2001:db8:1:0:205:5dff:fef2:db2b flags AH--\r\n"), bc);
            assertTrue(bc.contains(" local 2001:db8:0:0:0:0:0:0\r\n"), bc);
            assertTrue(bc.matches("(?s).* lifetime 2620[0-9][0-9] / 262140 seq 19429\r\n.*"), bc);
            assertTrue(bc.endsWith("mip6d> "), bc);
            out.write("bul\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntilPrompt(in).startsWith("no binding update list"));
            out.write("help\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntilPrompt(in).contains("quit"));
            out.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, in.read());
        } finally {
            reg.unregister();
            cfg.delete();
        }
    }

    private static Socket connect(int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                last = e;
                Thread.sleep(50);
            }
        }
        throw last;
    }

    private static String readUntilPrompt(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("mip6d> ")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }
}
