package mobility.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.binding.ReturnRoutabilityState;

/** {@code mip:bc} and {@code mip:bul}: the home agent's binding cache and the mobile node's binding update list. */
@Component(service = BindingCommands.class)
@GogoCommand(scope = "mip", function = {"bc", "bul"})
public class BindingCommands {

    private final OperatorView view;

    @Activate
    public BindingCommands(@Reference OperatorView view) {
        this.view = view;
    }

    @Descriptor("show the binding caches (the home agent's home registrations and the correspondent node's bindings): "
            + "kind, home address, care-of address, local address, flags, lifetime left/granted, sequence number")
    public String bc(
            @Descriptor("print one JSON document instead of a table")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Binding b : view.bindings()) {
            rows.add(row(b, now));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("count", rows.size());
        doc.put("bindings", rows);
        return json ? Json.write(doc) : Text.bindingCache(rows);
    }

    @Descriptor("show the mobile node's binding update list, its home agent and every correspondent: kind, "
            + "destination, home and care-of address, state, lifetime, sequence number, retransmissions, "
            + "return-routability state (nonce indices, token ages, Kbm)")
    public String bul(
            @Descriptor("print one JSON document instead of a table")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BindingUpdateListEntry e : view.bindingUpdateList()) {
            rows.add(row(e, now));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("count", rows.size());
        doc.put("entries", rows);
        return json ? Json.write(doc) : Text.bindingUpdateList(rows);
    }

    static Map<String, Object> row(Binding b, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", b.kind().label());
        m.put("home_address", b.homeAddress().toString());
        m.put("care_of_address", b.careOfAddress().toString());
        m.put("local_address", b.localAddress().toString());
        if (b.kind() == BindingKind.HOME_REGISTRATION) {
            m.put("home_agent_address", b.localAddress().toString());
        }
        m.put("flags", b.flagString());
        m.put("sequence", b.sequence());
        m.put("lifetime_granted", b.lifetimeSeconds());
        m.put("lifetime_remaining", b.remainingSeconds(now));
        m.put("registered_at", Instant.ofEpochMilli(b.registeredAtMillis()).toString());
        m.put("expires_at", Instant.ofEpochMilli(b.expiresAtMillis()).toString());
        m.put("mobile_network_prefixes", b.mobileNetworkPrefixes().stream().map(Object::toString).toList());
        return m;
    }

    static Map<String, Object> row(BindingUpdateListEntry e, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind().label());
        m.put("destination", e.destination().toString());
        m.put("home_address", e.homeAddress().toString());
        m.put("care_of_address", e.careOfAddress() == null ? null : e.careOfAddress().toString());
        m.put("interface", e.interfaceName());
        m.put("state", e.state().name().toLowerCase().replace('_', '-'));
        m.put("home_registration", e.has(Binding.HOME_REGISTRATION));
        m.put("flags", flags(e));
        m.put("sequence", e.sequence());
        m.put("lifetime_requested", e.lifetimeRequestedSeconds());
        m.put("lifetime_granted", e.lifetimeGrantedSeconds());
        m.put("lifetime_remaining", e.remainingSeconds(now));
        m.put("retransmissions", e.retransmissions());
        m.put("next_transmission_in_ms",
                e.nextTransmissionAtMillis() == 0 ? null : Math.max(0, e.nextTransmissionAtMillis() - now));
        m.put("last_status", e.lastStatus() < 0 ? null : e.lastStatus());
        m.put("return_routability", e.returnRoutability() == null ? null : row(e.returnRoutability(), now));
        return m;
    }

    /** §11.1: the return-routability state of a correspondent entry; never the tokens or Kbm themselves. */
    static Map<String, Object> row(ReturnRoutabilityState rr, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home_test_init_sent_ms_ago", ago(rr.homeTestInitSentAtMillis(), now));
        m.put("careof_test_init_sent_ms_ago", ago(rr.careOfTestInitSentAtMillis(), now));
        m.put("home_nonce_index", rr.homeNonceIndex() < 0 ? null : rr.homeNonceIndex());
        m.put("careof_nonce_index", rr.careOfNonceIndex() < 0 ? null : rr.careOfNonceIndex());
        m.put("home_token_age_s", rr.homeTokenAgeSeconds(now) < 0 ? null : rr.homeTokenAgeSeconds(now));
        m.put("careof_token_age_s", rr.careOfTokenAgeSeconds(now) < 0 ? null : rr.careOfTokenAgeSeconds(now));
        m.put("careof_token_for", rr.careOfTokenFor() == null ? null : rr.careOfTokenFor().toString());
        m.put("retransmissions", rr.retransmissions());
        m.put("kbm", rr.bindingKeyReady());
        return m;
    }

    private static Long ago(long at, long now) {
        return at == 0 ? null : Math.max(0, now - at);
    }

    private static String flags(BindingUpdateListEntry e) {
        return new Binding(e.homeAddress(), e.homeAddress(), e.destination(), 0, e.flags(), 0, 0, 0, List.of())
                .flagString();
    }
}
