package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.Change;
import mobility.api.net.Ipv6Address;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelFeature;
import mobility.api.kernel.KernelFeatureMissingException;
import mobility.api.kernel.Link;
import mobility.api.kernel.Subscription;
import mobility.netlink.socket.KernelFeatures;

class LinksKernelTest extends KernelTestBase {

    private static final Ipv6Address LOCAL = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address REMOTE = Ipv6Address.parse("2001:db8:1::2");

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

    /** RFC 2473 tunnel on a kernel with ip6tnl: the link the driver makes is the one iproute2 shows, then gone. */
    @Test
    @Tag(KernelFeatures.GUEST)
    void ip6TunnelIsWhatIpShowsAndGoesAway() {
        KernelFeatures.assumePresent(KernelFeature.IP6TNL);
        vethUp();
        assertEquals(0, ns.ipStatus("link", "add", "t-probe", "type", "ip6tnl", "local", LOCAL.toString(), "remote",
                REMOTE.toString()), "the probe found ip6tnl, so iproute2 can add one too");
        ns.ip("link", "del", "t-probe");
        driver.links().addIp6Tunnel("mip6t0", LOCAL, REMOTE, "mipa0");
        JsonNode link = ns.ipJson("-d", "link", "show", "mip6t0").get(0);
        JsonNode info = link.get("linkinfo");
        assertEquals("ip6tnl", info.get("info_kind").asText(), link.toString());
        assertEquals(REMOTE.toString(), info.get("info_data").get("remote").asText(), link.toString());
        assertEquals(LOCAL.toString(), info.get("info_data").get("local").asText(), link.toString());
        assertEquals("ip6ip6", info.get("info_data").get("proto").asText(), link.toString());
        Link ours = driver.links().require("mip6t0");
        assertEquals(link.get("ifindex").asInt(), ours.index());
        assertEquals("ip6tnl", ours.kind());
        driver.links().setUp("mip6t0", true);
        assertTrue(flags("mip6t0").contains("UP"));
        driver.links().delete("mip6t0");
        assertFalse(driver.links().get("mip6t0").isPresent());
        assertEquals(1, ns.ipStatus("link", "show", "mip6t0"), "iproute2 no longer sees it");
    }

    /** On a kernel without ip6tnl (this machine's) the driver names the missing feature, as iproute2 fails too. */
    @Test
    void ip6TunnelOnAKernelWithoutItIsTheCapabilityError() {
        KernelFeatures.assumeAbsent(KernelFeature.IP6TNL);
        vethUp();
        assertTrue(ns.ipStatus("link", "add", "t-probe", "type", "ip6tnl", "local", LOCAL.toString(), "remote",
                REMOTE.toString()) != 0, "iproute2 cannot add one either");
        KernelFeatureMissingException e = assertThrows(KernelFeatureMissingException.class,
                () -> driver.links().addIp6Tunnel("mip6t0", LOCAL, REMOTE, "mipa0"));
        assertEquals(KernelFeature.IP6TNL, e.feature());
        assertTrue(e.getMessage().startsWith("not supported by this kernel: ip6tnl (RTM_NEWLINK mip6t0"),
                e.getMessage());
        assertFalse(driver.links().get("mip6t0").isPresent());
    }

    private List<String> flags(String link) {
        JsonNode flags = ns.ipJson("link", "show", link).get(0).get("flags");
        return java.util.stream.StreamSupport.stream(flags.spliterator(), false).map(JsonNode::asText).toList();
    }
}
