package mobility.signalling;

import java.nio.ByteBuffer;

import mobility.api.kernel.BpfProgram;

/**
 * A classic BPF interpreter for the instructions BpfProgram emits (filter.h semantics: unsigned compares, relative
 * forward jumps, an out-of-range load rejects the packet), so filters can be checked on sample packets in a test.
 */
final class ClassicBpf {

    private ClassicBpf() {
    }

    /** Runs {@code program} on {@code packet} as a SOCK_DGRAM packet socket would, with packet type {@code type}. */
    static boolean accepts(BpfProgram program, byte[] packet, int type) {
        return accepts(program, packet, type, 0x86dd);
    }

    /** As {@link #accepts(BpfProgram, byte[], int)} for a frame of ethertype {@code protocol} (SKF_AD_PROTOCOL). */
    static boolean accepts(BpfProgram program, byte[] packet, int type, int protocol) {
        long[] code = program.instructions();
        ByteBuffer p = ByteBuffer.wrap(packet);
        long a = 0;
        long x = 0;
        long[] memory = new long[16];
        for (int pc = 0; pc < code.length; pc++) {
            int op = (int) (code[pc] & 0xffff);
            int jt = (int) (code[pc] >>> 16 & 0xff);
            int jf = (int) (code[pc] >>> 24 & 0xff);
            long k = code[pc] >>> 32;
            int kInt = (int) k;
            switch (op) {
                case 0x20, 0x28, 0x30 -> {
                    if (kInt < 0) {
                        a = kInt == -0x1000 + 4 ? type : kInt == -0x1000 ? protocol : 0;
                        break;
                    }
                    int size = op == 0x20 ? 4 : op == 0x28 ? 2 : 1;
                    if (kInt + size > packet.length) {
                        return false;
                    }
                    a = size == 4 ? p.getInt(kInt) & 0xffffffffL : size == 2 ? p.getShort(kInt) & 0xffff
                            : p.get(kInt) & 0xff;
                }
                case 0x40, 0x48, 0x50 -> {
                    int size = op == 0x40 ? 4 : op == 0x48 ? 2 : 1;
                    int at = (int) x + kInt;
                    if (at < 0 || at + size > packet.length) {
                        return false;
                    }
                    a = size == 4 ? p.getInt(at) & 0xffffffffL : size == 2 ? p.getShort(at) & 0xffff
                            : p.get(at) & 0xff;
                }
                case 0x80 -> a = packet.length;
                case 0x01 -> x = k;
                case 0x61 -> x = memory[kInt];
                case 0x02 -> memory[kInt] = a;
                case 0x0c -> a = (a + x) & 0xffffffffL;
                case 0x87 -> a = x;
                case 0x04 -> a = (a + k) & 0xffffffffL;
                case 0x54 -> a = a & k;
                case 0x64 -> a = (a << k) & 0xffffffffL;
                case 0x07 -> x = a;
                case 0x15 -> pc += a == k ? jt : jf;
                case 0x25 -> pc += a > k ? jt : jf;
                case 0x35 -> pc += a >= k ? jt : jf;
                case 0x06 -> {
                    return k != 0;
                }
                default -> throw new IllegalStateException("opcode 0x" + Integer.toHexString(op));
            }
        }
        throw new IllegalStateException("program fell off its end");
    }
}
