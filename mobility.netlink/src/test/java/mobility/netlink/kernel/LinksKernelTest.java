package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.Change;
import mobility.api.net.Ipv6Address;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;
import mobility.api.kernel.Link;
import mobility.api.kernel.Subscription;

class LinksKernelTest extends KernelTestBase {

    @Test
    void linksAreThoseIpShows() {
        vethUp();
        Map<String, Integer> ours = driver.links().list().stream()
                .collect(Collectors.toMap(Link::name, Link::index, (a, b) -> a, TreeMap::new));
        Map<String, Integer> theirs = new TreeMap<>();
        for (JsonNode l : ns.ipJson("link", "show")) {
            theirs.put(l.get("ifname").asText(), l.get("ifindex").asInt());
        }
        assertEquals(theirs, ours);
        Link a = driver.links().require("mipa0");
        JsonNode ipA = ns.ipJson("-d", "link", "show", "mipa0").get(0);
        assertEquals(ipA.get("mtu").asInt(), a.mtu());
        assertEquals(ipA.get("address").asText(), a.address());
        assertEquals("veth", a.kind());
        assertEquals("veth", ipA.get("linkinfo").get("info_kind").asText());
    }

    @Test
    void upAndDownAreWhatIpShows() {
        vethUp();
        assertTrue(flags("mipa0").contains("UP"));
        driver.links().setUp("mipa0", false);
        assertFalse(flags("mipa0").contains("UP"));
        assertFalse(driver.links().require("mipa0").up());
        driver.links().setMtu("mipa0", 1400);
        assertEquals(1400, ns.ipJson("link", "show", "mipa0").get(0).get("mtu").asInt());
    }

    @Test
    void linkChangesMadeWithIpReachTheListener() throws Exception {
        vethUp();
        Events<Link> events = new Events<>();
        try (Subscription s = driver.links().subscribe(events)) {
            ns.ip("link", "set", "mipa0", "down");
            events.await(Change.NEW, l -> l.name().equals("mipa0") && !l.up());
            ns.ip("link", "add", "t-x", "type", "veth", "peer", "name", "t-y");
            events.await(Change.NEW, l -> l.name().equals("t-x"));
            ns.ip("link", "del", "t-x");
            events.await(Change.DELETED, l -> l.name().equals("t-x"));
        }
    }

    @Test
    void errorsNameTheRequestAndTheErrno() {
        vethUp();
        KernelException duplicate = assertThrows(KernelException.class,
                () -> driver.links().addVethPair("mipa0", "mipc0"));
        assertEquals(17, duplicate.errno());
        assertTrue(duplicate.getMessage().startsWith("RTM_NEWLINK mipa0 type veth peer mipc0: EEXIST"),
                duplicate.getMessage());
        KernelException missing = assertThrows(KernelException.class, () -> driver.links().delete("mipnone"));
        assertEquals(19, missing.errno());
        assertTrue(missing.getMessage().contains("mipnone") && missing.getMessage().contains("ENODEV"),
                missing.getMessage());
        assertThrows(KernelException.class, () -> driver.links().setUp("nosuchlink", true));
        assertThrows(IllegalArgumentException.class, () -> driver.links().addVethPair("eth9", "mipc0"),
                "links outside the platform's prefix are refused");
    }

    /** ip6tnl: the driver's answer agrees with the probe and with what iproute2 manages on this kernel. */
    @Test
    void ip6TunnelWhereTheKernelHasItElseTheCapabilityError() {
        vethUp();
        Ipv6Address local = Ipv6Address.parse("2001:db8:1::1");
        Ipv6Address remote = Ipv6Address.parse("2001:db8:1::2");
        boolean ipCan = ns.ipStatus("link", "add", "t-probe", "type", "ip6tnl", "local", local.toString(), "remote",
                remote.toString()) == 0;
        assertEquals(ipCan, capabilities().supports(KernelFeature.IP6TNL), "the probe agrees with iproute2");
        if (ipCan) {
            driver.links().addIp6Tunnel("mip6t0", local, remote, "mipa0");
            JsonNode link = ns.ipJson("-d", "link", "show", "mip6t0").get(0);
            assertEquals("ip6tnl", link.get("linkinfo").get("info_kind").asText());
            assertEquals(remote.toString(), link.get("linkinfo").get("info_data").get("remote").asText());
        } else {
            KernelFeatureMissingException e = assertThrows(KernelFeatureMissingException.class,
                    () -> driver.links().addIp6Tunnel("mip6t0", local, remote, "mipa0"));
            assertEquals(KernelFeature.IP6TNL, e.feature());
            assertTrue(e.getMessage().startsWith("not supported by this kernel: ip6tnl (RTM_NEWLINK mip6t0"),
                    e.getMessage());
            assertFalse(driver.links().get("mip6t0").isPresent());
        }
    }

    private List<String> flags(String link) {
        JsonNode flags = ns.ipJson("link", "show", link).get(0).get("flags");
        return java.util.stream.StreamSupport.stream(flags.spliterator(), false).map(JsonNode::asText).toList();
    }
}
