package mobility.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import mobility.api.kernel.Change;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;
import mobility.api.kernel.KernelException;
import mobility.api.kernel.KernelMarks;
import mobility.api.kernel.Neighbour;
import mobility.api.kernel.NeighbourState;
import mobility.api.kernel.Rule;
import mobility.api.kernel.RuleAction;
import mobility.api.kernel.Subscription;

class RulesAndNeighboursKernelTest extends KernelTestBase {

    private static final Ipv6Address HOA = Ipv6Address.parse("2001:db8:100::1");

    @Test
    void ruleIsWhatIpShows() {
        vethUp();
        Rule rule = Rule.lookup(KernelMarks.FIRST_RULE_PRIORITY, 0x4d01)
                .from(Ipv6Prefix.parse("2001:db8:1::1/128")).to(Ipv6Prefix.parse("2001:db8:1::2/128"))
                .iif("mipa0").ipProto(41);
        driver.rules().add(rule);
        JsonNode ip = ruleAt(KernelMarks.FIRST_RULE_PRIORITY);
        assertEquals("2001:db8:1::1", ip.get("src").asText());
        assertEquals("2001:db8:1::2", ip.get("dst").asText());
        assertEquals("mipa0", ip.get("iif").asText());
        assertEquals("ipv6", ip.get("ipproto").asText());
        assertEquals("19713", ip.get("table").asText());
        assertEquals("77", ip.get("protocol").asText());
        assertTrue(driver.rules().list().contains(rule));
        KernelException duplicate = assertThrows(KernelException.class, () -> driver.rules().add(rule));
        assertEquals("EEXIST", duplicate.errnoName().name());
        assertTrue(duplicate.getMessage().startsWith("RTM_NEWRULE pref 19700 from 2001:db8:1::1/128"),
                duplicate.getMessage());
        driver.rules().remove(rule);
        assertEquals(null, ruleAt(KernelMarks.FIRST_RULE_PRIORITY));
    }

    @Test
    void rulesAddedWithIpAreListed() {
        ns.ip("-6", "rule", "add", "pref", "1000", "lookup", "local");
        ns.ip("-6", "rule", "add", "pref", "500", "from", "2001:db8:5::/64", "unreachable");
        List<Rule> rules = driver.rules().list();
        assertTrue(rules.contains(new Rule(1000, null, null, null, null, 0, 0, RuleAction.LOOKUP, 255, 0)),
                rules.toString());
        assertTrue(rules.stream().anyMatch(r -> r.priority() == 500 && r.action() == RuleAction.UNREACHABLE
                && Ipv6Prefix.parse("2001:db8:5::/64").equals(r.from())), rules.toString());
        assertEquals(ns.ipJson("-6", "rule", "show").size(), rules.size());
    }

    @Test
    void neighbourAndProxyAreWhatIpShows() {
        vethUp();
        driver.neighbours().add(Neighbour.permanent(index("mipa0"), HOA, "02:00:00:00:00:05"));
        driver.neighbours().add(Neighbour.proxy(index("mipa0"), Ipv6Address.parse("2001:db8:100::2")));
        JsonNode n = ns.ipJson("-6", "neigh", "show", "dev", "mipa0").get(0);
        assertEquals(HOA.toString(), n.get("dst").asText());
        assertEquals("02:00:00:00:00:05", n.get("lladdr").asText());
        assertEquals("PERMANENT", n.get("state").get(0).asText());
        JsonNode p = ns.ipJson("-6", "neigh", "show", "proxy").get(0);
        assertEquals("2001:db8:100::2", p.get("dst").asText());
        assertEquals("mipa0", p.get("dev").asText());

        Neighbour listed = driver.neighbours().list().stream().filter(x -> x.address().equals(HOA)).findFirst()
                .orElseThrow();
        assertEquals(java.util.Set.of(NeighbourState.PERMANENT), listed.states());
        assertEquals(KernelMarks.PROTOCOL, listed.protocol());
        assertEquals(List.of(Neighbour.proxy(index("mipa0"), Ipv6Address.parse("2001:db8:100::2"))),
                driver.neighbours().listProxies());

        driver.neighbours().remove(Neighbour.proxy(index("mipa0"), Ipv6Address.parse("2001:db8:100::2")));
        assertEquals(0, ns.ipJson("-6", "neigh", "show", "proxy").size());
        KernelException absent = assertThrows(KernelException.class, () -> driver.neighbours()
                .remove(Neighbour.proxy(index("mipa0"), Ipv6Address.parse("2001:db8:100::2"))));
        assertEquals("ENOENT", absent.errnoName().name(), absent.getMessage());
        assertTrue(absent.getMessage().startsWith("RTM_DELNEIGH proxy 2001:db8:100::2 dev #"), absent.getMessage());
    }

    @Test
    void neighbourChangesMadeWithIpReachTheListener() throws Exception {
        vethUp();
        Events<Neighbour> events = new Events<>();
        try (Subscription s = driver.neighbours().subscribe(events)) {
            ns.ip("-6", "neigh", "add", "2001:db8:1::9", "lladdr", "02:00:00:00:00:09", "dev", "mipa0", "nud",
                    "reachable");
            events.await(Change.NEW, n -> n.address().equals(Ipv6Address.parse("2001:db8:1::9"))
                    && n.lladdr().equals("02:00:00:00:00:09"));
            ns.ip("-6", "neigh", "del", "2001:db8:1::9", "dev", "mipa0");
            events.await(Change.DELETED, n -> n.address().equals(Ipv6Address.parse("2001:db8:1::9")));
        }
    }

    private JsonNode ruleAt(int priority) {
        for (JsonNode r : ns.ipJson("-6", "rule", "show")) {
            if (r.get("priority").asInt() == priority) {
                return r;
            }
        }
        return null;
    }
}
