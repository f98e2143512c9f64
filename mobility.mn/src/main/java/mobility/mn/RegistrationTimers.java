package mobility.mn;

/**
 * The mobile node's timers of RFC 6275 §11.8 and §13, in milliseconds.
 *
 * @param initialFirstRegistration InitialBindackTimeoutFirstReg: the first wait for an acknowledgement of a first
 *        home registration (default 1.5 s, longer than the home agent's DAD)
 * @param initial INITIAL_BINDACK_TIMEOUT: the first wait for any other registration (1 s)
 * @param max MAX_BINDACK_TIMEOUT: the back-off stops doubling here (32 s)
 * @param refreshFraction refresh a granted binding once this fraction of its lifetime has passed
 */
record RegistrationTimers(long initialFirstRegistration, long initial, long max, double refreshFraction) {

    static final RegistrationTimers DEFAULT = new RegistrationTimers(1500, 1000, 32_000, 0.8);
}
