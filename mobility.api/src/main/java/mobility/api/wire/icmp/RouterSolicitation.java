package mobility.api.wire.icmp;

import java.util.List;

import mobility.api.wire.NetworkBytes;

/** Router Solicitation (RFC 4861 §4.1): Reserved (32 bits), options (Source Link-Layer Address). */
public record RouterSolicitation(List<NdOption> options) implements Icmpv6Message {

    public static final int MIN_LENGTH = 8;

    public RouterSolicitation {
        options = List.copyOf(options);
    }

    @Override
    public int icmpType() {
        return ROUTER_SOLICITATION;
    }

    @Override
    public int bodyLength() {
        return 4 + NdOptions.length(options);
    }

    @Override
    public void writeBody(byte[] b, int offset) {
        NetworkBytes.put32(b, offset, 0);
        NdOptions.write(options, b, offset + 4);
    }
}
