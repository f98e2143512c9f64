package mobility.mn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * The {@link MobileNodeConfiguration} read into the values the mobile node works with, checked once at activation: a
 * configuration that cannot be read fails the component with a message that names the key and what was expected.
 *
 * @param homeAddressPrefix the home address with the home prefix's length (RFC 6275 §11.5)
 * @param homeLink the interface on the home link
 * @param homeAgent the configured home agent, null when it is to be discovered (§11.4.1)
 * @param lifetimeSeconds the binding lifetime asked for
 * @param flushVisitedAddresses whether the addresses formed on a link go when it goes down
 * @param timers the registration timers (§11.8, §13)
 * @param preferences interface name to preference; empty: every interface, equal preference
 * @param correspondents the correspondent nodes to bind with after return routability (§11.7.2)
 * @param routeOptimisation the prefixes whose tunnelled traffic starts route optimisation (§11.3.3)
 */
record MobileNodeSettings(Ipv6Prefix homeAddressPrefix, String homeLink, Ipv6Address homeAgent, int lifetimeSeconds,
        boolean flushVisitedAddresses, RegistrationTimers timers, Map<String, Integer> preferences,
        List<Ipv6Address> correspondents, List<Ipv6Prefix> routeOptimisation) {

    static MobileNodeSettings of(MobileNodeConfiguration config) {
        return new MobileNodeSettings(parsePrefix(config.homeAddress()), config.homeLink().trim(),
                config.homeAgentAddress().isBlank() ? null
                        : parseAddress("homeAgentAddress", config.homeAgentAddress()),
                config.maxBindingLifetime(), config.flushVisitedAddresses(),
                new RegistrationTimers(config.initialBindackTimeoutFirstReg(), config.initialBindackTimeout(),
                        config.maxBindackTimeout(), RegistrationTimers.DEFAULT.refreshFraction()),
                preferences(config.interfaces()), correspondents(config.correspondents()),
                prefixes(config.routeOptimisation()));
    }

    /** Whether traffic from {@code correspondent} through the tunnel may start route optimisation with it. */
    boolean optimises(Ipv6Address correspondent) {
        return routeOptimisation.stream().anyMatch(p -> p.contains(correspondent));
    }

    static List<Ipv6Prefix> prefixes(String[] texts) {
        try {
            return Ipv6Prefix.networks(texts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.mn routeOptimisation: " + e.getMessage()
                    + " (expected a prefix, e.g. 2001:db8::/32, or ::/0)", e);
        }
    }

    /** The correspondents to optimise routes with, one address each (commas too, as a .cfg file may list them). */
    static List<Ipv6Address> correspondents(String[] texts) {
        List<Ipv6Address> out = new java.util.ArrayList<>();
        for (String t : texts == null ? new String[0] : texts) {
            for (String one : t.split(",")) {
                if (!one.isBlank()) {
                    out.add(parseAddress("correspondents", one.trim()));
                }
            }
        }
        return List.copyOf(out);
    }

    Ipv6Address homeAddress() {
        return homeAddressPrefix.address();
    }

    static Ipv6Prefix parsePrefix(String text) {
        try {
            Ipv6Prefix p = Ipv6Prefix.parse(text.trim());
            if (p.length() == 128 && !text.contains("/")) {
                throw new IllegalArgumentException("no prefix length");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.mn homeAddress='" + text + "': " + e.getMessage()
                    + " (expected e.g. 2001:db8:1::100/64)", e);
        }
    }

    static Ipv6Address parseAddress(String key, String text) {
        try {
            return Ipv6Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mobility.mn " + key + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Integer> preferences(String[] interfaces) {
        Map<String, Integer> prefs = new LinkedHashMap<>();
        for (String spec : interfaces) {
            String[] parts = spec.trim().split(":");
            try {
                prefs.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mobility.mn interfaces: '" + spec + "' is not name:preference");
            }
        }
        return prefs;
    }
}
