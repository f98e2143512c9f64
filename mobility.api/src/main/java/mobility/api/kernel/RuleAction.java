package mobility.api.kernel;

/** What a matching policy rule does (FR_ACT_* of fib_rules.h). */
public enum RuleAction {
    LOOKUP(1), GOTO(2), NOP(3), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8);

    private final int code;

    RuleAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RuleAction of(int code) {
        for (RuleAction a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new IllegalArgumentException("rule action " + code);
    }
}
