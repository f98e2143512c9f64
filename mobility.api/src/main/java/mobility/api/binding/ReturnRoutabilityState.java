package mobility.api.binding;

import mobility.api.net.Ipv6Address;

/**
 * Where the return routability procedure (RFC 6275 §5.2.5, §11.6) with one correspondent stands, as a Binding
 * Update List entry for that correspondent shows it (§11.1: "the state of any retransmissions needed for
 * return-routability messages", the keygen tokens, their nonce indices and their age). Times are epoch ms, 0 for
 * never; a nonce index is -1 before its test arrived. The tokens themselves and Kbm are never shown.
 *
 * @param homeTestInitSentAtMillis when the last Home Test Init went out (through the reverse tunnel, §11.6.1)
 * @param careOfTestInitSentAtMillis when the last Care-of Test Init went out (from the care-of address)
 * @param homeNonceIndex the home nonce index of the last accepted Home Test
 * @param careOfNonceIndex the care-of nonce index of the last accepted Care-of Test (always the latest, §11.6.2)
 * @param homeTokenReceivedAtMillis when the home keygen token arrived; it is used for at most MAX_TOKEN_LIFETIME
 * @param careOfTokenReceivedAtMillis when the care-of keygen token arrived
 * @param careOfTokenFor the care-of address the care-of keygen token was given for, null before one
 * @param retransmissions Home or Care-of Test Inits resent for the current run (§11.8)
 * @param bindingKeyReady whether both tokens are at hand, so Kbm (§5.2.5) can authorize a Binding Update
 */
public record ReturnRoutabilityState(long homeTestInitSentAtMillis, long careOfTestInitSentAtMillis,
        int homeNonceIndex, int careOfNonceIndex, long homeTokenReceivedAtMillis, long careOfTokenReceivedAtMillis,
        Ipv6Address careOfTokenFor, int retransmissions, boolean bindingKeyReady) {

    /** Age of the home keygen token at {@code nowMillis} in seconds, -1 when there is none. */
    public long homeTokenAgeSeconds(long nowMillis) {
        return homeTokenReceivedAtMillis == 0 ? -1 : Math.max(0, (nowMillis - homeTokenReceivedAtMillis) / 1000);
    }

    /** Age of the care-of keygen token at {@code nowMillis} in seconds, -1 when there is none. */
    public long careOfTokenAgeSeconds(long nowMillis) {
        return careOfTokenReceivedAtMillis == 0 ? -1 : Math.max(0, (nowMillis - careOfTokenReceivedAtMillis) / 1000);
    }
}
