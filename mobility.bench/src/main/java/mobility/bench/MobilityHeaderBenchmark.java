package mobility.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.WireFormatException;
import mobility.api.wire.mh.Authenticator;
import mobility.api.wire.mh.BindingAcknowledgement;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.NonceIndices;

/**
 * Encode and decode+validate (checksum verified over the pseudo-header) of a Binding Update with Nonce Indices and
 * Binding Authorization Data (a correspondent registration, 32 octets) and of a Binding Acknowledgement with Binding
 * Refresh Advice (16 octets). Run with {@code -prof gc} for the allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MobilityHeaderBenchmark {

    private final MobilityHeaderCodec codec = MobilityHeaderCodec.standard();
    private final Ipv6Address home = Ipv6Address.parse("2001:db8:1::100");
    private final Ipv6Address correspondent = Ipv6Address.parse("2001:db8:3::7");
    private final BindingUpdate bu = new BindingUpdate(258, BindingUpdate.ACKNOWLEDGE, 60, new NonceIndices(7, 8),
            new BindingAuthorizationData(new Authenticator(0x0102030405060708L, 0x090a0b0c)));
    private final BindingAcknowledgement ba = new BindingAcknowledgement(0, 0, 258, 60, new BindingRefreshAdvice(50));
    private final byte[] out = new byte[64];
    private byte[] buOctets;
    private byte[] baOctets;

    @Setup
    public void encodeOnce() {
        buOctets = codec.encode(bu, home, correspondent);
        baOctets = codec.encode(ba, correspondent, home);
    }

    @Benchmark
    public MobilityMessage decodeBindingUpdate() throws WireFormatException {
        return codec.decode(buOctets, 0, buOctets.length, home, correspondent);
    }

    @Benchmark
    public int encodeBindingUpdate() {
        return codec.encode(bu, home, correspondent, out, 0);
    }

    @Benchmark
    public MobilityMessage decodeBindingAcknowledgement() throws WireFormatException {
        return codec.decode(baOctets, 0, baOctets.length, correspondent, home);
    }

    @Benchmark
    public int encodeBindingAcknowledgement() {
        return codec.encode(ba, correspondent, home, out, 0);
    }
}
