package mobility.ha;

/** Sequence numbers of Binding Updates compare modulo 2^16 (RFC 6275 §9.5.1, as in RFC 1982 serial numbers). */
final class SequenceNumbers {

    private SequenceNumbers() {
    }

    /** True when {@code a} is after {@code b}: within the half of the number space that follows {@code b}. */
    static boolean greater(int a, int b) {
        int diff = (a - b) & 0xffff;
        return diff != 0 && diff < 0x8000;
    }
}
