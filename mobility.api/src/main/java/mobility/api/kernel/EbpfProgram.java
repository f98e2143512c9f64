package mobility.api.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An eBPF program (the kernel's bpf.h instruction set), as instructions ready for {@link Ebpf#load}. Built with
 * {@link Builder}, a small assembler: 64-bit moves and arithmetic, loads and stores, the map reference, helper
 * calls, and jumps to named labels resolved at {@link Builder#build()}.
 */
public final class EbpfProgram {

    /** The program types the platform uses (enum bpf_prog_type). */
    public enum Type {
        /** A classifier: tc or TCX ingress and egress; returns TC_ACT_OK (0) or TC_ACT_SHOT (2). */
        SCHED_CLS(3),
        /** A route's transmit hook (lwtunnel bpf xmit); returns BPF_OK (0), BPF_DROP (2) or BPF_LWT_REROUTE (128). */
        LWT_XMIT(12);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A program in the kernel, until closed. */
    @ProviderType
    public interface Loaded extends AutoCloseable {

        /** The name it was loaded under (at most 15 characters: the kernel's limit). */
        String name();

        /** The kernel's handle, for attaching it. */
        int fd();

        @Override
        void close();
    }

    /** Registers: R0 the return value, R1..R5 arguments, R6..R9 kept across calls, R10 the frame pointer. */
    public static final int R0 = 0;
    public static final int R1 = 1;
    public static final int R2 = 2;
    public static final int R3 = 3;
    public static final int R4 = 4;
    public static final int R5 = 5;
    public static final int R6 = 6;
    public static final int R7 = 7;
    public static final int R8 = 8;
    public static final int R9 = 9;
    public static final int R10 = 10;

    /** Load and store sizes. */
    public enum Size {
        BYTE(0x10), HALF(0x08), WORD(0x00), DOUBLE(0x18);

        final int code;

        Size(int code) {
            this.code = code;
        }
    }

    /** Conditional jumps (unsigned comparisons). */
    public enum Condition {
        EQ(0x10), GT(0x20), GE(0x30), NE(0x50), LT(0xa0), LE(0xb0);

        final int code;

        Condition(int code) {
            this.code = code;
        }
    }

    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int ALU = 0x04;
    private static final int JMP = 0x05;
    private static final int ALU64 = 0x07;
    private static final int K = 0x00;
    private static final int X = 0x08;
    private static final int MEM = 0x60;
    private static final int IMM = 0x00;
    private static final int ADD = 0x00;
    private static final int AND = 0x50;
    private static final int MOV = 0xb0;
    private static final int END = 0xd0;
    private static final int TO_BE = 0x08;
    private static final int JA = 0x00;
    private static final int CALL = 0x80;
    private static final int EXIT = 0x90;
    private static final int PSEUDO_MAP_FD = 1;

    private final Type type;
    private final String name;
    private final long[] instructions;

    private EbpfProgram(Type type, String name, long[] instructions) {
        this.type = type;
        this.name = name;
        this.instructions = instructions;
    }

    public Type type() {
        return type;
    }

    public String name() {
        return name;
    }

    /**
     * Each instruction as struct bpf_insn laid out in a little-endian long: opcode in bits 0-7, destination
     * register 8-11, source register 12-15, offset 16-31, immediate 32-63.
     */
    public long[] instructions() {
        return instructions.clone();
    }

    public int length() {
        return instructions.length;
    }

    public static Builder builder(Type type, String name) {
        return new Builder(type, name);
    }

    /** Appends instructions; jumps name labels that {@link #label} places, forwards or backwards. */
    public static final class Builder {

        private final Type type;
        private final String name;
        private final List<Long> code = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();
        /** Index of each jump instruction and the label it goes to. */
        private final Map<Integer, String> jumps = new HashMap<>();

        private Builder(Type type, String name) {
            if (name.length() > 15) {
                throw new IllegalArgumentException("program name '" + name + "' is longer than 15 characters");
            }
            this.type = type;
            this.name = name;
        }

        private Builder emit(int opcode, int dst, int src, int offset, int imm) {
            if (dst < 0 || dst > 10 || src < 0 || src > 10) {
                throw new IllegalArgumentException("no register r" + dst + " or r" + src);
            }
            if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
                throw new IllegalArgumentException("offset " + offset + " does not fit 16 bits");
            }
            code.add((opcode & 0xffL) | (long) dst << 8 | (long) src << 12 | (offset & 0xffffL) << 16
                    | (imm & 0xffff_ffffL) << 32);
            return this;
        }

        /** dst = src (64 bits). */
        public Builder move(int dst, int src) {
            return emit(ALU64 | MOV | X, dst, src, 0, 0);
        }

        /** dst = imm, sign-extended to 64 bits. */
        public Builder moveImmediate(int dst, int imm) {
            return emit(ALU64 | MOV | K, dst, 0, 0, imm);
        }

        /** dst += imm (64 bits). */
        public Builder add(int dst, int imm) {
            return emit(ALU64 | ADD | K, dst, 0, 0, imm);
        }

        /** dst &= imm (64 bits). */
        public Builder and(int dst, int imm) {
            return emit(ALU64 | AND | K, dst, 0, 0, imm);
        }

        /** The low 16 bits of dst in network byte order (and the rest cleared): stored as a half word, big-endian. */
        public Builder toBigEndian16(int dst) {
            return emit(ALU | END | TO_BE, dst, 0, 0, 16);
        }

        /** dst = *(size *)(src + offset). */
        public Builder load(Size size, int dst, int src, int offset) {
            return emit(LDX | MEM | size.code, dst, src, offset, 0);
        }

        /** *(size *)(dst + offset) = src. */
        public Builder store(Size size, int dst, int offset, int src) {
            return emit(STX | MEM | size.code, dst, src, offset, 0);
        }

        /** *(size *)(dst + offset) = imm. */
        public Builder storeImmediate(Size size, int dst, int offset, int imm) {
            return emit(ST | MEM | size.code, dst, 0, offset, imm);
        }

        /** dst = the map (a 64-bit load of its handle, which the kernel replaces with the map's address). */
        public Builder loadMap(int dst, EbpfMap map) {
            emit(LD | Size.DOUBLE.code | IMM, dst, PSEUDO_MAP_FD, 0, map.fd());
            return emit(0, 0, 0, 0, 0);
        }

        /** Calls helper {@code helper} (enum bpf_func_id) with R1..R5; its result is in R0, R1..R5 are lost. */
        public Builder call(int helper) {
            return emit(JMP | CALL, 0, 0, 0, helper);
        }

        public Builder exit() {
            return emit(JMP | EXIT, 0, 0, 0, 0);
        }

        /** R0 = {@code value}; exit. */
        public Builder returns(int value) {
            return moveImmediate(R0, value).exit();
        }

        /** Goes to {@code label} when {@code reg condition imm} (unsigned, 64 bits). */
        public Builder jumpIf(int reg, Condition condition, int imm, String label) {
            jumps.put(code.size(), label);
            return emit(JMP | condition.code | K, reg, 0, 0, imm);
        }

        /** Goes to {@code label} when {@code reg condition src}. */
        public Builder jumpIfRegister(int reg, Condition condition, int src, String label) {
            jumps.put(code.size(), label);
            return emit(JMP | condition.code | X, reg, src, 0, 0);
        }

        public Builder jump(String label) {
            jumps.put(code.size(), label);
            return emit(JMP | JA, 0, 0, 0, 0);
        }

        /** The next instruction is {@code name}'s. */
        public Builder label(String name) {
            if (labels.putIfAbsent(name, code.size()) != null) {
                throw new IllegalArgumentException("label " + name + " placed twice");
            }
            return this;
        }

        public EbpfProgram build() {
            long[] out = new long[code.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = code.get(i);
            }
            for (Map.Entry<Integer, String> j : jumps.entrySet()) {
                Integer target = labels.get(j.getValue());
                if (target == null) {
                    throw new IllegalArgumentException("jump to label " + j.getValue() + ", which is not placed");
                }
                // The offset counts from the instruction after the jump.
                long offset = target - j.getKey() - 1;
                out[j.getKey()] = out[j.getKey()] & ~(0xffffL << 16) | (offset & 0xffffL) << 16;
            }
            return new EbpfProgram(type, name, out);
        }
    }
}
