package mobility.tunnel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packet counters of an nftables table listing, by each rule's comment. */
final class NftCounters {

    private static final Pattern RULE = Pattern.compile("counter packets (\\d+) bytes (\\d+).*?comment \"([^\"]+)\"");

    private NftCounters() {
    }

    static Map<String, Long> packets(String listing) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = RULE.matcher(listing);
        while (m.find()) {
            out.merge(m.group(3), Long.parseLong(m.group(1)), Long::sum);
        }
        return out;
    }
}
