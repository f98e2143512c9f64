package mobility.api.wire;

/**
 * The one exception a decoder of this codec throws, for any malformed input: it names the message, the field and
 * the byte offset of the problem, and says what RFC 6275 prescribes that the receiver answer, so that a role can
 * give that answer without knowing the wire format.
 *
 * <p>The offset counts from the first octet the decoder was given: from the IPv6 header for a whole packet (so it
 * is the Pointer of an ICMPv6 Parameter Problem, RFC 4443 §3.4), from the Payload Proto field for a bare Mobility
 * Header. Carries no stack trace: malformed input is an expected outcome, not a programming error, and a decoder
 * facing a flood of it must stay cheap.
 */
public final class WireFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What the receiver of the malformed input does about it. */
    public enum Answer {
        /**
         * Discard and send ICMPv6 Parameter Problem (RFC 4443 §3.4) with {@link #code()} and the Pointer
         * {@link #offset()}: e.g. Payload Proto other than 59 or Header Len too short for the MH Type (RFC 6275 §9.2).
         */
        PARAMETER_PROBLEM,
        /** Discard and send a Binding Error with Status {@link #code()} (RFC 6275 §9.3.3): 2 for an unknown MH Type. */
        BINDING_ERROR,
        /** Discard without an answer: a bad checksum (RFC 6275 §9.2), a truncated or inconsistent message. */
        SILENT_DISCARD
    }

    /** ICMPv6 Parameter Problem codes (RFC 4443 §3.4). */
    public static final int ERRONEOUS_HEADER_FIELD = 0;
    public static final int UNRECOGNIZED_NEXT_HEADER = 1;
    public static final int UNRECOGNIZED_IPV6_OPTION = 2;

    /** Binding Error status (RFC 6275 §6.1.9) for an MH Type the node does not know. */
    public static final int UNRECOGNIZED_MH_TYPE = 2;

    private final String messageName;
    private final String field;
    private final int offset;
    private final Answer answer;
    private final int code;
    private final String problem;

    private WireFormatException(String messageName, String field, int offset, Answer answer, int code,
            String problem) {
        super(null, null, false, false);
        this.messageName = messageName;
        this.field = field;
        this.offset = offset;
        this.answer = answer;
        this.code = code;
        this.problem = problem;
    }

    /** The receiver discards and answers with ICMPv6 Parameter Problem pointing at {@code offset}. */
    public static WireFormatException parameterProblem(String messageName, String field, int offset, int code,
            String problem) {
        return new WireFormatException(messageName, field, offset, Answer.PARAMETER_PROBLEM, code, problem);
    }

    /** The receiver discards and answers with a Binding Error of this status. */
    public static WireFormatException bindingError(String messageName, String field, int offset, int status,
            String problem) {
        return new WireFormatException(messageName, field, offset, Answer.BINDING_ERROR, status, problem);
    }

    /** The receiver discards without answering. */
    public static WireFormatException silentDiscard(String messageName, String field, int offset, String problem) {
        return new WireFormatException(messageName, field, offset, Answer.SILENT_DISCARD, 0, problem);
    }

    /** The same problem seen from a buffer that starts {@code by} octets earlier, e.g. at the IPv6 header. */
    public WireFormatException shifted(int by) {
        return new WireFormatException(messageName, field, offset + by, answer, code, problem);
    }

    /** The message or header being decoded, e.g. "Binding Update" or "IPv6 header". */
    public String messageName() {
        return messageName;
    }

    /** The field at fault, named as the RFC names it, e.g. "Header Len". */
    public String field() {
        return field;
    }

    /** Octets from the start of the decoder's input to the field at fault. */
    public int offset() {
        return offset;
    }

    public Answer answer() {
        return answer;
    }

    /** The Parameter Problem code or the Binding Error status; 0 for a silent discard. */
    public int code() {
        return code;
    }

    /** What is wrong, in words. */
    public String problem() {
        return problem;
    }

    /** The prescribed answer in words, e.g. "ICMPv6 Parameter Problem code 0 pointer 1". */
    public String answerText() {
        return switch (answer) {
            case PARAMETER_PROBLEM -> "ICMPv6 Parameter Problem code " + code + " pointer " + offset;
            case BINDING_ERROR -> "Binding Error status " + code;
            case SILENT_DISCARD -> "silent discard";
        };
    }

    @Override
    public String getMessage() {
        return messageName + ": " + field + " at offset " + offset + ": " + problem + " (" + answerText() + ")";
    }
}
