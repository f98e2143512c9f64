package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.BpfEncap;
import mobility.api.kernel.EbpfMap;
import mobility.api.kernel.EbpfProgram;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.Route;
import mobility.api.net.Ipv6Prefix;
import mobility.netlink.socket.KernelFeatures;
import mobility.netlink.socket.LinuxEbpf;

/** bpf(2) through {@link LinuxEbpf}: programs, the verifier's answer, maps, a route that carries a program, TCX. */
class EbpfKernelTest extends KernelTestBase {

    private final LinuxEbpf ebpf = new LinuxEbpf();

    @Test
    void aProgramTheVerifierRefusesFailsWithTheVerifiersLog() {
        // R0 is never written before exit: the verifier says so.
        EbpfProgram bad = EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "mip6_test").exit().build();
        KernelException e = assertThrows(KernelException.class, () -> ebpf.load(bad).close());
        assertTrue(e.getMessage().contains("R0 !read_ok"), e.getMessage());
    }

    @Test
    void mapEntriesArePutAndRemovedAndPerCpuCountersSummed() {
        try (EbpfMap hash = ebpf.createMap(EbpfMap.Type.HASH, "mip6_test", 16, 4, 8);
                EbpfMap counters = ebpf.createMap(EbpfMap.Type.PERCPU_ARRAY, "mip6_test_ctr", 4, 8, 2);
                EbpfMap lpm = ebpf.createMap(EbpfMap.Type.LPM_TRIE, "mip6_test_lpm", 4 + 16, 4, 8)) {
            byte[] key = new byte[16];
            key[15] = 1;
            hash.put(key, new byte[4]);
            assertTrue(hash.remove(key));
            assertFalse(hash.remove(key), "already gone");
            assertEquals(0, counters.sum(1), "a per-CPU array starts at zero");
            byte[] prefix = new byte[20];
            prefix[0] = 64;
            lpm.put(prefix, new byte[4]);
            assertTrue(lpm.remove(prefix));
            KernelException full = assertThrows(KernelException.class, () -> {
                for (int i = 0; i < 9; i++) {
                    byte[] k = new byte[16];
                    k[0] = (byte) i;
                    hash.put(k, new byte[4]);
                }
            });
            assertTrue(full.getMessage().contains("mip6_test"), full.getMessage());
        }
    }

    @Test
    void aRouteCarriesAProgramOnTransmitAndIsListedWithItsName() {
        KernelFeatures.assumePresent(KernelFeature.LWT_BPF);
        vethUp();
        try (EbpfProgram.Loaded p = ebpf.load(EbpfProgram.builder(EbpfProgram.Type.LWT_XMIT, "mip6_test")
                .returns(0).build())) {
            Route route = Route.to(Ipv6Prefix.parse("2001:db8:9::/64")).table(0x4d01).dev(index("mipa0"))
                    .encap(new BpfEncap(p, 40));
            driver.routes().add(route);
            JsonNode ip = ns.ipJson("-6", "route", "show", "table", "0x4d01").get(0);
            assertEquals("bpf", ip.get("encap").asText(), ip.toString());
            List<Route> listed = driver.routes().list(0x4d01);
            assertEquals(1, listed.size(), listed.toString());
            assertEquals(route.encap(), listed.get(0).encap(), "read back by its program's name");
            // What a sweep of leftovers does: remove the route as it was read back, without the program.
            driver.routes().remove(listed.get(0));
            assertEquals(0, ns.ipJson("-6", "route", "show", "table", "0x4d01").size());
        }
    }

    /**
     * A classifier that counts what arrives, at the ingress of mipa0: three frames sent out of its peer mipb0 are
     * counted (with whatever the kernel itself sent, a Router Solicitation say); once the attachment is closed, three
     * more are not.
     */
    @Test
    void aClassifierIsAttachedAtALinksIngressUntilClosed() {
        KernelFeatures.assumePresent(KernelFeature.TCX);
        vethUp();
        try (EbpfMap counter = ebpf.createMap(EbpfMap.Type.PERCPU_ARRAY, "mip6_test_ctr", 4, 8, 1);
                EbpfProgram.Loaded p = ebpf.load(EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "mip6_test")
                        .storeImmediate(EbpfProgram.Size.WORD, EbpfProgram.R10, -4, 0)
                        .loadMap(EbpfProgram.R1, counter).move(EbpfProgram.R2, EbpfProgram.R10)
                        .add(EbpfProgram.R2, -4).call(1)
                        .jumpIf(EbpfProgram.R0, EbpfProgram.Condition.EQ, 0, "out")
                        .load(EbpfProgram.Size.DOUBLE, EbpfProgram.R1, EbpfProgram.R0, 0).add(EbpfProgram.R1, 1)
                        .store(EbpfProgram.Size.DOUBLE, EbpfProgram.R0, 0, EbpfProgram.R1)
                        .label("out").returns(0).build())) {
            var attached = ebpf.attachIngress(ns.namespace(), index("mipa0"), p);
            sendFrames(3);
            long counted = counter.sum(0);
            assertTrue(counted >= 3, counted + " counted");
            attached.close();
            attached.close();
            sendFrames(3);
            assertEquals(counted, counter.sum(0), "detached: nothing more counted");
        }
    }

    /** Ethernet frames of EtherType 0x88b5 (local experimental) out of mipb0, through a packet socket. */
    private void sendFrames(int n) {
        ns.exec("python3", "-c", "import socket\n"
                + "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n"
                + "s.bind(('mipb0', 0))\n"
                + "for _ in range(" + n + "):\n"
                + "    s.send(bytes.fromhex('ffffffffffff020000000001' + '88b5') + bytes(46))\n");
    }
}
