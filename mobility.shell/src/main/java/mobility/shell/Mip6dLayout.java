package mobility.shell;

import java.util.Map;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKind;
import mobility.api.binding.BindingUpdateListEntry;
import mobility.api.binding.ReturnRoutabilityState;
import mobility.api.net.Ipv6Address;

/**
 * The text layout of mip6d's virtual terminal, so that scripts written against it keep working: one block per
 * binding cache entry ({@code hoa … status …}) and per binding update list entry ({@code == BUL_ENTRY ==}), with
 * addresses in mip6d's eight-group form.
 */
final class Mip6dLayout {

    private Mip6dLayout() {
    }

    /** mip6d prints every address as eight hex groups without zero compression. */
    static String address(Ipv6Address a) {
        if (a == null) {
            return "0:0:0:0:0:0:0:0";
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(Integer.toHexString(a.group(i)));
        }
        return b.toString();
    }

    static String binding(Binding b, long nowMillis) {
        return "hoa " + address(b.homeAddress()) + " status registered"
                + (b.kind() == BindingKind.CORRESPONDENT ? " type cn" : "") + "\n"
                + " coa " + address(b.careOfAddress()) + " flags " + b.flagString() + "\n"
                + " local " + address(b.localAddress()) + "\n"
                + " lifetime " + b.remainingSeconds(nowMillis) + " / " + b.lifetimeSeconds() + " seq " + b.sequence()
                + "\n";
    }

    static String bulEntry(BindingUpdateListEntry e, long nowMillis) {
        StringBuilder out = new StringBuilder();
        out.append("== BUL_ENTRY ==\n");
        out.append("Home address    ").append(address(e.homeAddress())).append('\n');
        out.append("Care-of address ").append(address(e.careOfAddress())).append('\n');
        out.append("CN address      ")
                .append(address(e.has(Binding.HOME_REGISTRATION) ? Ipv6Address.UNSPECIFIED : e.destination()))
                .append('\n');
        long delayMillis = e.nextTransmissionAtMillis() == 0 ? 0 : Math.max(0, e.nextTransmissionAtMillis() - nowMillis);
        out.append(" lifetime = ").append(e.lifetimeRequestedSeconds()).append(",  delay = ").append(delayMillis * 1000)
                .append('\n');
        out.append(" flags:");
        if (e.has(Binding.HOME_REGISTRATION)) {
            out.append(" IP6_MH_BU_HOME");
        }
        if (e.has(Binding.ACKNOWLEDGE)) {
            out.append(" IP6_MH_BU_ACK");
        }
        if (e.has(Binding.LINK_LOCAL_COMPATIBILITY)) {
            out.append(" IP6_MH_BU_LLOCAL");
        }
        if (e.has(Binding.KEY_MANAGEMENT)) {
            out.append(" IP6_MH_BU_KEYM");
        }
        if (e.has(Binding.MOBILE_ROUTER)) {
            out.append(" IP6_MH_BU_MR");
        }
        out.append(" \n");
        out.append(e.state() == BindingUpdateListEntry.State.REGISTERED ? " ack ready\n" : " ack pending\n");
        out.append(" dev ").append(e.interfaceName()).append(" last_coa ").append(address(e.careOfAddress()))
                .append('\n');
        out.append(" lifetime ").append(e.remainingSeconds(nowMillis)).append(" / ").append(e.lifetimeGrantedSeconds())
                .append(" seq ").append(e.sequence()).append(" resend ").append(e.retransmissions())
                .append(" delay ").append(delayMillis / 1000).append("(after ").append(delayMillis / 1000)
                .append("s)\n");
        out.append(" expires ").append(e.remainingSeconds(nowMillis)).append('\n');
        ReturnRoutabilityState rr = e.returnRoutability();
        if (rr != null) {
            // mip6d's entry for a correspondent goes on with its return-routability state (§11.1).
            out.append(" rr state ").append(e.state() == BindingUpdateListEntry.State.RETURN_ROUTABILITY
                    ? "RR_STARTED" : rr.bindingKeyReady() ? "RR_READY" : "RR_NONE").append('\n');
            out.append(" hoti ").append(rr.homeNonceIndex() < 0 ? "pending" : "nonce " + rr.homeNonceIndex())
                    .append(" token age ").append(rr.homeTokenAgeSeconds(nowMillis)).append('\n');
            out.append(" coti ").append(rr.careOfNonceIndex() < 0 ? "pending" : "nonce " + rr.careOfNonceIndex())
                    .append(" token age ").append(rr.careOfTokenAgeSeconds(nowMillis)).append('\n');
        }
        return out.toString();
    }

    static String statistics(Map<String, Map<String, Long>> byScope) {
        StringBuilder out = new StringBuilder();
        byScope.forEach((scope, counters) -> {
            out.append("== ").append(scope).append(" ==\n");
            counters.forEach((k, v) -> out.append(String.format("%-44s %d%n", k, v)));
        });
        return out.toString();
    }
}
