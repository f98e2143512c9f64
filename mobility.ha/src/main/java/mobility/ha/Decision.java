package mobility.ha;

/**
 * The home agent's answer to one Binding Update.
 *
 * @param verdict what to do with it
 * @param status the Binding Acknowledgement status (§6.1.8); meaningful unless the verdict is {@link Verdict#DROP}
 * @param lifetimeSeconds the lifetime to grant (a multiple of 4 seconds, §6.1.8), 0 for a deregistration
 * @param sequence the sequence number to put in the acknowledgement: the BU's, or on status 135 the last accepted
 *        one (§10.3.1)
 * @param dropReason a counter name when the verdict is {@link Verdict#DROP}
 */
record Decision(Verdict verdict, int status, int lifetimeSeconds, int sequence, String dropReason) {

    enum Verdict {
        /** Create a binding: Duplicate Address Detection on the home link first (§10.3.1). */
        REGISTER_NEW,
        /** Refresh or move an existing binding; no DAD (it was done when the binding was created). */
        UPDATE,
        /** Remove the binding (§10.3.2). */
        DEREGISTER,
        /** Refuse with {@link #status}. */
        REJECT,
        /** Silently discard (§9.5.1), counting {@link #dropReason}. */
        DROP
    }

    static Decision drop(String reason) {
        return new Decision(Verdict.DROP, -1, 0, 0, reason);
    }

    static Decision reject(int status, int sequence) {
        return new Decision(Verdict.REJECT, status, 0, sequence, null);
    }
}
