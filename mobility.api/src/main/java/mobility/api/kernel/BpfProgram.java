package mobility.api.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A classic BPF socket filter (filter.h, {@code struct sock_filter}): the kernel runs it on every packet a socket
 * would receive and passes the packet only when it returns non-zero, so uninteresting packets never reach the JVM.
 * Offsets are from the packet's network header for packet sockets of type SOCK_DGRAM.
 *
 * <p>Built with {@link Builder}: loads, compares with forward jumps to named labels, returns. Jump distances are
 * resolved when {@link Builder#build()} runs; a jump further than 255 instructions is refused.
 */
public final class BpfProgram {

    /** Instruction classes and fields of filter.h (BPF_LD, BPF_B, BPF_ABS...). */
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int MISC = 0x07;
    static final int ST = 0x02;
    static final int MEM = 0x60;
    static final int X = 0x08;
    static final int TXA = 0x80;
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;
    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int LEN = 0x80;
    static final int ADD = 0x00;
    static final int LSH = 0x60;
    static final int AND = 0x50;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int K = 0x00;
    static final int TAX = 0x00;

    /** Accept the whole packet (the return value is the number of bytes to keep). */
    public static final int ACCEPT = 0x40000;

    private final long[] instructions;

    private BpfProgram(long[] instructions) {
        this.instructions = instructions;
    }

    /** Each instruction as {@code code | jt << 16 | jf << 24 | k << 32}, the order of struct sock_filter's fields. */
    public long[] instructions() {
        return instructions.clone();
    }

    public int length() {
        return instructions.length;
    }

    /** A program that accepts nothing: a socket that must exist but whose input nobody reads. */
    public static BpfProgram rejectAll() {
        return new Builder().reject().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a program; labels name the instruction that follows them. */
    public static final class Builder {

        private final List<int[]> code = new ArrayList<>();
        private final List<String[]> targets = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        private Builder emit(int op, int k, String whenTrue, String whenFalse) {
            code.add(new int[] {op, k});
            targets.add(new String[] {whenTrue, whenFalse});
            return this;
        }

        /** A = the byte at {@code offset}. */
        public Builder loadByte(int offset) {
            return emit(LD | B | ABS, offset, null, null);
        }

        /** A = the 16-bit big-endian value at {@code offset}. */
        public Builder loadHalf(int offset) {
            return emit(LD | H | ABS, offset, null, null);
        }

        /** A = the 32-bit big-endian value at {@code offset}. */
        public Builder loadWord(int offset) {
            return emit(LD | W | ABS, offset, null, null);
        }

        /** A = the byte at X + {@code offset}. */
        public Builder loadByteIndexed(int offset) {
            return emit(LD | B | IND, offset, null, null);
        }

        /** A = the 16-bit value at X + {@code offset}. */
        public Builder loadHalfIndexed(int offset) {
            return emit(LD | H | IND, offset, null, null);
        }

        /** A = the 32-bit value at X + {@code offset}. */
        public Builder loadWordIndexed(int offset) {
            return emit(LD | W | IND, offset, null, null);
        }

        /** A = the packet's length. */
        public Builder loadLength() {
            return emit(LD | W | LEN, 0, null, null);
        }

        /** A = a kernel ancillary value ({@code SKF_AD_OFF + field}, e.g. 4 for the packet type). */
        public Builder loadAncillary(int field) {
            return emit(LD | W | ABS, -0x1000 + field, null, null);
        }

        public Builder add(int k) {
            return emit(ALU | ADD | K, k, null, null);
        }

        public Builder and(int k) {
            return emit(ALU | AND | K, k, null, null);
        }

        public Builder shiftLeft(int k) {
            return emit(ALU | LSH | K, k, null, null);
        }

        /** A = A + X. */
        public Builder addIndex() {
            return emit(ALU | ADD | X, 0, null, null);
        }

        /** Scratch memory word {@code slot} (0 to 15) = A. */
        public Builder store(int slot) {
            return emit(ST, checkSlot(slot), null, null);
        }

        /** X = scratch memory word {@code slot} (0 to 15). */
        public Builder loadIndexFromMemory(int slot) {
            return emit(LDX | W | MEM, checkSlot(slot), null, null);
        }

        /** A = X. */
        public Builder indexToAccumulator() {
            return emit(MISC | TXA, 0, null, null);
        }

        private static int checkSlot(int slot) {
            if (slot < 0 || slot > 15) {
                throw new IllegalArgumentException("scratch memory has words 0 to 15, not " + slot);
            }
            return slot;
        }

        /** X = A. */
        public Builder copyToIndex() {
            return emit(MISC | TAX, 0, null, null);
        }

        /** X = {@code k}. */
        public Builder loadIndex(int k) {
            return emit(LDX | W | IMM, k, null, null);
        }

        /** Jumps to {@code whenTrue} if A == k, else to {@code whenFalse} (null: the next instruction). */
        public Builder jumpIfEqual(int k, String whenTrue, String whenFalse) {
            return emit(JMP | JEQ | K, k, whenTrue, whenFalse);
        }

        /** Jumps to {@code whenTrue} if A > k (unsigned), else to {@code whenFalse}. */
        public Builder jumpIfGreater(int k, String whenTrue, String whenFalse) {
            return emit(JMP | JGT | K, k, whenTrue, whenFalse);
        }

        /** Jumps to {@code whenTrue} if A >= k (unsigned), else to {@code whenFalse}. */
        public Builder jumpIfAtLeast(int k, String whenTrue, String whenFalse) {
            return emit(JMP | JGE | K, k, whenTrue, whenFalse);
        }

        /** Jumps to {@code target} unconditionally (a compare whose both branches lead there). */
        public Builder jump(String target) {
            return emit(JMP | JEQ | K, 0, target, target);
        }

        /** Names the next instruction. */
        public Builder label(String name) {
            if (labels.putIfAbsent(name, code.size()) != null) {
                throw new IllegalArgumentException("label '" + name + "' defined twice");
            }
            return this;
        }

        public Builder accept() {
            return emit(RET | K, ACCEPT, null, null);
        }

        /** Accepts the packet's first {@code octets} only (a socket filter's return value is the length kept). */
        public Builder accept(int octets) {
            if (octets <= 0) {
                throw new IllegalArgumentException("a filter accepts at least one octet, not " + octets);
            }
            return emit(RET | K, octets, null, null);
        }

        public Builder reject() {
            return emit(RET | K, 0, null, null);
        }

        public BpfProgram build() {
            long[] out = new long[code.size()];
            for (int i = 0; i < out.length; i++) {
                int[] c = code.get(i);
                String[] t = targets.get(i);
                long jt = distance(i, t[0]);
                long jf = distance(i, t[1]);
                out[i] = (c[0] & 0xffffL) | jt << 16 | jf << 24 | (c[1] & 0xffffffffL) << 32;
            }
            if (out.length == 0 || out.length > 4096) {
                throw new IllegalStateException("a filter has 1 to 4096 instructions, not " + out.length);
            }
            return new BpfProgram(out);
        }

        private long distance(int from, String label) {
            if (label == null) {
                return 0;
            }
            Integer to = labels.get(label);
            if (to == null) {
                throw new IllegalStateException("jump to undefined label '" + label + "'");
            }
            int d = to - from - 1;
            if (d < 0 || d > 255) {
                throw new IllegalStateException("jump to '" + label + "' is " + d + " instructions: BPF jumps go "
                        + "forward by at most 255");
            }
            return d;
        }
    }
}
