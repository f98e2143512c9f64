package mobility.api.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The eBPF assembler against encodings of the kernel's instruction set (Documentation/bpf/standardization). */
class EbpfProgramTest {

    /** struct bpf_insn as bytes in memory: opcode, registers (dst low nibble), offset, immediate; little-endian. */
    private static String hex(long insn) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format("%02x", (insn >>> (8 * i)) & 0xff));
        }
        return s.toString();
    }

    @Test
    void instructionsAreEncodedAsTheKernelReadsThem() {
        EbpfProgram p = EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "t")
                .move(EbpfProgram.R6, EbpfProgram.R1)
                .moveImmediate(EbpfProgram.R2, -40)
                .add(EbpfProgram.R3, -48)
                .and(EbpfProgram.R7, 0xf0ff)
                .toBigEndian16(EbpfProgram.R2)
                .load(EbpfProgram.Size.WORD, EbpfProgram.R2, EbpfProgram.R6, 16)
                .store(EbpfProgram.Size.HALF, EbpfProgram.R10, -36, EbpfProgram.R2)
                .storeImmediate(EbpfProgram.Size.BYTE, EbpfProgram.R10, -34, 41)
                .call(73)
                .exit()
                .build();
        String[] expected = {
            "bf16000000000000", // mov64 r6, r1
            "b7020000d8ffffff", // mov64 r2, -40
            "07030000d0ffffff", // add64 r3, -48
            "57070000fff00000", // and64 r7, 0xf0ff
            "dc02000010000000", // be16 r2
            "6162100000000000", // ldxw r2, [r6 + 16]
            "6b2adcff00000000", // stxh [r10 - 36], r2
            "720adeff29000000", // stb [r10 - 34], 41
            "8500000049000000", // call 73
            "9500000000000000", // exit
        };
        long[] insns = p.instructions();
        String[] actual = new String[insns.length];
        for (int i = 0; i < insns.length; i++) {
            actual[i] = hex(insns[i]);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void jumpsCountFromTheNextInstructionForwardsAndBackwards() {
        long[] insns = EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "t")
                .label("top")
                .jumpIf(EbpfProgram.R0, EbpfProgram.Condition.NE, 0, "end")
                .moveImmediate(EbpfProgram.R0, 1)
                .jump("top")
                .label("end").returns(0)
                .build().instructions();
        assertEquals("5500020000000000", hex(insns[0]), "jne r0, 0, +2");
        assertEquals("0500fdff00000000", hex(insns[2]), "ja -3");
    }

    @Test
    void aMapIsLoadedByItsHandleInTwoSlots() {
        EbpfMap map = new EbpfMap() {
            @Override
            public Type type() {
                return Type.HASH;
            }

            @Override
            public int fd() {
                return 7;
            }

            @Override
            public void put(byte[] key, byte[] value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean remove(byte[] key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long sum(int index) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        long[] insns = EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "t").loadMap(EbpfProgram.R1, map).build()
                .instructions();
        assertEquals(2, insns.length);
        assertEquals("1811000007000000", hex(insns[0]), "lddw r1 with BPF_PSEUDO_MAP_FD as the source register");
        assertEquals("0000000000000000", hex(insns[1]));
    }

    @Test
    void mistakesAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "t").jump("nowhere").build());
        assertThrows(IllegalArgumentException.class,
                () -> EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "name-longer-than-15"));
        assertThrows(IllegalArgumentException.class,
                () -> EbpfProgram.builder(EbpfProgram.Type.SCHED_CLS, "t").label("a").label("a"));
    }
}
