package mobility.api.tunnel;

import java.util.Objects;

/**
 * One change of a batch given to {@link DataPlane#apply}: open a tunnel, move a live one to another spec, or close
 * one. Use the factories.
 *
 * @param tunnel the live tunnel to move or close; null to open one
 * @param spec what the tunnel is to carry; null to close
 */
public record TunnelChange(Tunnel tunnel, TunnelSpec spec) {

    public TunnelChange {
        if (tunnel == null && spec == null) {
            throw new IllegalArgumentException("a tunnel change needs a tunnel, a spec or both");
        }
    }

    public static TunnelChange open(TunnelSpec spec) {
        return new TunnelChange(null, Objects.requireNonNull(spec, "spec"));
    }

    public static TunnelChange move(Tunnel tunnel, TunnelSpec spec) {
        return new TunnelChange(Objects.requireNonNull(tunnel, "tunnel"), Objects.requireNonNull(spec, "spec"));
    }

    public static TunnelChange close(Tunnel tunnel) {
        return new TunnelChange(Objects.requireNonNull(tunnel, "tunnel"), null);
    }

    public boolean opens() {
        return tunnel == null;
    }

    public boolean closes() {
        return spec == null;
    }

    /**
     * What became of one change.
     *
     * @param tunnel the tunnel opened or moved (null after a close or a failure to open)
     * @param failure why the change was not made, or null
     */
    public record Outcome(Tunnel tunnel, TunnelException failure) {

        public static Outcome done(Tunnel tunnel) {
            return new Outcome(tunnel, null);
        }

        public static Outcome failed(TunnelException failure) {
            return new Outcome(null, Objects.requireNonNull(failure, "failure"));
        }

        public boolean succeeded() {
            return failure == null;
        }
    }
}
