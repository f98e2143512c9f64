package mobility.netlink.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mobility.api.kernel.BpfProgram;
import mobility.api.kernel.PacketBatch;
import mobility.api.kernel.PacketSocket;
import mobility.api.kernel.RawSocket;
import mobility.api.kernel.RawSockets;
import mobility.api.kernel.TunDevice;
import mobility.netlink.nl.Namespaces;
import mobility.api.net.Ipv6Address;

/** Packet sockets, raw sockets and TUN devices between two namespaces joined by a veth pair. */
class PacketIoTest {

    private static final Ipv6Address A = Ipv6Address.parse("2001:db8:7::a");
    private static final Ipv6Address B = Ipv6Address.parse("2001:db8:7::b");

    private Netns a;
    private Netns b;
    private final PacketSocketsComponent packets = new PacketSocketsComponent();
    private final RawSocketsComponent raws = new RawSocketsComponent();

    @BeforeEach
    void namespaces() {
        assumeTrue(Netns.root(), "needs root: creates network namespaces");
        a = Netns.create("a");
        b = Netns.create("b");
        Netns.link(a, "mipta", "2001:db8:7::a", b, "miptb", "2001:db8:7::b");
    }

    @AfterEach
    void remove() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** An IPv6 packet of {@code payload} bytes with next header {@code nextHeader}, hop limit 64, A to B. */
    private static void ipv6(ByteBuffer into, int nextHeader, int payload, Ipv6Address from, Ipv6Address to) {
        into.clear();
        into.putInt(0x60000000).putShort((short) payload).put((byte) nextHeader).put((byte) 64);
        into.putLong(from.high()).putLong(from.low()).putLong(to.high()).putLong(to.low());
        for (int i = 0; i < payload; i++) {
            into.put((byte) i);
        }
        into.flip();
    }

    private static int interfaceIndex(Netns ns, String link) {
        String out = ns.exec("ip -o link show " + link);
        return Integer.parseInt(out.substring(0, out.indexOf(':')));
    }

    @Test
    void filteredPacketSocketSeesOnlyWhatTheFilterAccepts() {
        BpfProgram nextHeader135 = BpfProgram.builder().loadByte(6).jumpIfEqual(135, "yes", null).reject()
                .label("yes").accept().build();
        try (PacketSocket socket = packets.open(b.namespace(), interfaceIndex(b, "miptb"), nextHeader135);
                RawSocket sender = raws.openHeaderIncluded(a.namespace())) {
            PacketBatch out = sender.newBatch(4, 2048);
            ipv6(out.buffer(0), 59, 16, A, B);
            out.peer(0, B, 0);
            ipv6(out.buffer(1), 135, 16, A, B);
            out.peer(1, B, 0);
            ipv6(out.buffer(2), 17, 16, A, B);
            out.peer(2, B, 0);
            out.count(3);
            assertEquals(3, sender.send(out));
            PacketBatch in = socket.newBatch(8, 2048);
            int n = socket.receive(in, 2000);
            assertEquals(1, n, "only the packet with next header 135 passes the filter");
            assertEquals(135, in.buffer(0).get(6) & 0xff);
            assertEquals(56, in.buffer(0).limit());
            assertEquals(interfaceIndex(b, "miptb"), in.interfaceIndex(0));
            assertEquals(0, socket.receive(in, 100), "nothing else arrives");
        }
    }

    @Test
    void rawSocketReceivesPayloadWithSenderAndDestination() {
        try (RawSocket receiver = raws.open(b.namespace(), 41, RawSockets.Option.PACKET_INFO);
                RawSocket sender = raws.openHeaderIncluded(a.namespace())) {
            PacketBatch out = sender.newBatch(2, 2048);
            ipv6(out.buffer(0), 41, 48, A, B);
            out.peer(0, B, 0);
            out.count(1);
            sender.send(out);
            PacketBatch in = receiver.newBatch(4, 2048);
            assertEquals(1, receiver.receive(in, 2000));
            assertEquals(48, in.buffer(0).remaining(), "the payload after the IPv6 header");
            assertTrue(in.peerIs(0, A));
            assertEquals(B.high(), in.destinationHigh(0));
            assertEquals(B.low(), in.destinationLow(0));
            assertEquals(interfaceIndex(b, "miptb"), in.interfaceIndex(0));
        }
    }

    /** A thread waiting on a channel is told to stop at once, not at its poll's timeout: raw socket and TUN alike. */
    @Test
    void aWaitingReceiveReturnsAtOnceWhenWokenUp() throws Exception {
        try (RawSocket raw = raws.open(b.namespace(), 41);
                TunDevice tun = new TunDevicesComponent().open(b.namespace(), "mipttun", false, false)) {
            for (mobility.api.kernel.PacketChannel channel : List.of(raw, tun)) {
                PacketBatch batch = channel.newBatch(4, 2048);
                var waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    int n = channel.receive(batch, 10_000);
                    return new long[] {n, (System.nanoTime() - start) / 1_000_000};
                });
                Thread.sleep(200); // the receive is waiting by now
                channel.wakeUp();
                long[] result = waited.get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(0, result[0], channel + ": nothing was queued");
                assertTrue(result[1] < 5_000, channel + " returned after " + result[1] + " ms, not at once");
                // The wake is used up: the next wait waits its timeout again.
                long start = System.nanoTime();
                assertEquals(0, channel.receive(batch, 300));
                assertTrue((System.nanoTime() - start) / 1_000_000 >= 250, channel + ": the wake-up was not re-armed");
            }
        }
    }

    @Test
    void tunDeviceExistsWhileOpen() {
        try (TunDevice tun = new TunDevicesComponent().open(b.namespace(), "mipttun", false, false)) {
            assertTrue(b.exec("ip -o link show").contains("mipttun"));
            assertEquals(interfaceIndex(b, "mipttun"), tun.interfaceIndex());
        }
        assertFalse(b.exec("ip -o link show").contains("mipttun"), "closing the device removes the link");
    }

    @Test
    void tunDeviceReadsWhatIsRoutedIntoIt() throws Exception {
        try (TunDevice tun = new TunDevicesComponent().open(b.namespace(), "mipttun", false, false)) {
            b.exec("ip link set mipttun up");
            b.exec("ip -6 route add 2001:db8:99::/64 dev mipttun");
            Thread pinger = new Thread(() -> {
                try {
                    Netns.run("ip", "netns", "exec", b.name, "ping", "-c", "3", "-i", "0.2", "-W", "1",
                            "2001:db8:99::1");
                } catch (IllegalStateException noReply) {
                    // Nobody answers behind the TUN device: the test reads the requests.
                }
            });
            pinger.start();
            PacketBatch in = tun.newBatch(8, 2048);
            int echoRequests = 0;
            long deadline = System.currentTimeMillis() + 5000;
            while (echoRequests < 3 && System.currentTimeMillis() < deadline) {
                int n = tun.receive(in, 500);
                for (int i = 0; i < n; i++) {
                    ByteBuffer p = in.buffer(i);
                    if ((p.get(6) & 0xff) == 58 && (p.get(40) & 0xff) == 128) {
                        echoRequests++;
                    }
                }
            }
            pinger.join();
            assertEquals(3, echoRequests);
        }
    }

    /** Batched (io_uring) and, as on a kernel without it, one write(2) per packet. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tunDeviceWritesABatchInOrderSkippingEmptyBuffers(boolean batched) {
        try (TunDevice tun = Namespaces.inside(b.namespace(),
                () -> LinuxTunDevice.open("mipttun", false, false, false, true, batched));
                RawSocket receiver = raws.open(b.namespace(), 41)) {
            assertEquals(batched, tun.writePath().equals(TunDevice.WRITE_BATCHED), tun.writePath());
            b.exec("ip link set mipttun up");
            // More packets than the io_uring has entries, so the batch goes in several submissions.
            int n = 300;
            PacketBatch out = tun.newBatch(n, 2048);
            for (int i = 0; i < n; i++) {
                ipv6(out.buffer(i), 41, 8, A, B);
                out.buffer(i).putInt(40, i);
            }
            out.buffer(7).limit(0);
            out.count(n);
            assertEquals(n - 1, tun.write(out), "every packet but the emptied one, via " + tun.writePath());
            PacketBatch in = receiver.newBatch(64, 2048);
            int expected = 0;
            long deadline = System.currentTimeMillis() + 5000;
            while (expected < n && System.currentTimeMillis() < deadline) {
                int got = receiver.receive(in, 500);
                for (int i = 0; i < got; i++) {
                    if (expected == 7) {
                        expected++;
                    }
                    assertEquals(expected++, in.buffer(i).getInt(in.buffer(i).position()), "in the batch's order");
                }
            }
            assertEquals(n, expected);
        }
    }
}
