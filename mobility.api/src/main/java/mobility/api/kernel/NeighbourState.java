package mobility.api.kernel;

/** Neighbour cache states (NUD_* of neighbour.h, RFC 4861 §7.3.2). */
public enum NeighbourState {
    INCOMPLETE(0x01), REACHABLE(0x02), STALE(0x04), DELAY(0x08), PROBE(0x10), FAILED(0x20), NOARP(0x40),
    PERMANENT(0x80);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
