package mobility.cn;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.signal.ErrorRateLimit;
import mobility.api.signal.SignallingPacket;
import mobility.api.stats.Counters;
import mobility.api.wire.Lifetime;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingUpdate;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.rr.BindingManagementKey;
import mobility.api.wire.rr.Nonce;

/**
 * {@code ./mobility bench cn}: correspondent Binding Updates processed per second in-process, one thread, as the
 * signalling thread does them: decode, nonce lookup, keygen tokens, Kbm, authenticator check, cache update, BA encode
 * and sign. The Binding Updates are made beforehand, each signed for its own home and care-of address. Prints one
 * line per round and the median; {@code --json} prints one JSON object.
 */
public final class CorrespondentBenchmark {

    static final MobilityHeaderCodec CODEC = MobilityHeaderCodec.standard();
    static final Ipv6Address CN = Ipv6Address.parse("2001:db8:2300::c");

    public static void main(String[] args) throws Exception {
        boolean json = List.of(args).contains("--json");
        int n = 200_000;
        int rounds = 5;
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        NonceLifetimes nonces = new NonceLifetimes(new SecureRandom(), clock::get);
        ReturnRoutabilityResponder rr = new ReturnRoutabilityResponder(
                mobility.api.wire.rr.NodeKey.generate(new SecureRandom()), nonces);
        Counters stats = new Counters();
        AtomicLong sent = new AtomicLong();
        CorrespondentBindingCache cache = new CorrespondentBindingCache();
        CorrespondentRegistration cn = new CorrespondentRegistration(CODEC, rr,
                new CorrespondentRegistrar(rr, new CorrespondentRegistrar.Policy(List.of(), 420)), cache,
                new CorrespondentRegistration.Effects() {
                    @Override
                    public void send(SignallingPacket packet) {
                        sent.incrementAndGet();
                    }

                    @Override
                    public void persist(Binding binding) {
                    }

                    @Override
                    public void forget(Binding binding) {
                    }

                    @Override
                    public void post(String topic, Binding binding) {
                    }
                }, stats, clock::get, new ErrorRateLimit(10, System::nanoTime));
        Nonce nonce = nonces.current();
        List<double[]> results = new ArrayList<>();
        int seq = 1;
        for (int round = 0; round < rounds; round++) {
            List<SignallingPacket> updates = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Ipv6Address hoa = Ipv6Address.of(0x20010db827000000L, i + 1);
                Ipv6Address coa = Ipv6Address.of(0x20010db811000000L, i + 1);
                BindingManagementKey kbm = BindingManagementKey.of(rr.kcn().homeKeygenToken(hoa, nonce.value()),
                        rr.kcn().careOfKeygenToken(coa, nonce.value()));
                BindingUpdate bu = new BindingUpdate(seq, BindingUpdate.ACKNOWLEDGE, Lifetime.toUnits(420),
                        List.of(new NonceIndices(nonce.index(), nonce.index()), BindingAuthorizationData.UNSIGNED));
                byte[] m = new byte[CODEC.encodedLength(bu)];
                CODEC.encodeUnchecksummed(bu, m, 0);
                kbm.sign(coa, CN, m, 0, m.length);
                MobilityHeaderCodec.fillChecksum(m, 0, m.length, hoa, CN);
                updates.add(new SignallingPacket(135, 0, coa, CN, hoa, null, 64, m));
            }
            seq++;
            long before = stats.get("ba.sent.status.0");
            long t0 = System.nanoTime();
            for (SignallingPacket p : updates) {
                byte[] m = p.message();
                cn.received(p, CODEC.decode(m, 0, m.length, p.effectiveSource(), p.finalDestination()));
            }
            long ns = System.nanoTime() - t0;
            long accepted = stats.get("ba.sent.status.0") - before;
            if (accepted != n) {
                throw new IllegalStateException("only " + accepted + " of " + n + " accepted: " + stats.snapshot());
            }
            double perSecond = n * 1e9 / ns;
            results.add(new double[] {perSecond, ns / (double) n});
            if (!json) {
                System.out.printf("round %d: %,.0f Binding Updates/s (%.2f µs each, decode to signed BA)%n", round + 1,
                        perSecond, ns / 1000.0 / n);
            }
            // Warm-up counts: the first round is reported like the others.
            for (int i = 0; i < 16; i++) {
                clock.addAndGet(1);
            }
            cn.received(new SignallingPacket(135, 0, CN, CN, null, null, 64, new byte[0]), new HomeTestInit(1));
            cn.received(new SignallingPacket(135, 0, CN, CN, null, null, 64, new byte[0]), new CareOfTestInit(1));
        }
        double[] rates = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double median = rates[rates.length / 2];
        if (json) {
            StringBuilder b = new StringBuilder("{\"bench\":\"cn\",\"updates_per_round\":" + n + ",\"rounds\":[");
            for (int i = 0; i < results.size(); i++) {
                b.append(i == 0 ? "" : ",").append(String.format("%.0f", results.get(i)[0]));
            }
            b.append("],\"median_per_second\":").append(String.format("%.0f", median)).append(",\"target\":200000}");
            System.out.println(b);
        } else {
            System.out.printf("median %,.0f/s over %d rounds of %,d (target >= 200,000/s); bindings %d%n", median,
                    rounds, n, cache.size());
        }
    }
}
