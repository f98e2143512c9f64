package mobility.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import mobility.api.wire.WireFormatException;
import mobility.api.wire.icmp.Icmpv6Message;
import mobility.api.wire.ipv6.Ipv6Packet;
import mobility.api.wire.ipv6.Ipv6PacketBuilder;
import mobility.api.wire.ipv6.Ipv6PacketCodec;
import mobility.api.wire.ipv6.WireCodec;
import mobility.api.wire.mh.MobilityHeaderCodec;
import mobility.api.wire.mh.MobilityMessage;
import mobility.api.wire.mh.MobilityOptionCodec;
import mobility.api.wire.mh.MobilityOptionRegistry;

/**
 * The {@link WireCodec} service of the container: a whiteboard of {@link MobilityOptionCodec} services, so that an
 * extension bundle adds a mobility option type by registering its codec. Each change builds a new immutable codec;
 * calls in progress finish with the one they started with. When two codecs claim one option type, the one that
 * arrived first keeps it and the other is left out until the first goes away.
 */
@Component(service = WireCodec.class)
public class WireCodecService implements WireCodec {

    private final List<MobilityOptionCodec> optionCodecs = new CopyOnWriteArrayList<>();
    private volatile Ipv6PacketCodec codec = Ipv6PacketCodec.standard();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addOptionCodec(MobilityOptionCodec optionCodec) {
        optionCodecs.add(optionCodec);
        rebuild();
    }

    void removeOptionCodec(MobilityOptionCodec optionCodec) {
        optionCodecs.remove(optionCodec);
        rebuild();
    }

    private synchronized void rebuild() {
        List<MobilityOptionCodec> usable = new ArrayList<>();
        for (MobilityOptionCodec c : optionCodecs) {
            List<MobilityOptionCodec> tried = new ArrayList<>(usable);
            tried.add(c);
            try {
                MobilityOptionRegistry.of(tried);
                usable.add(c);
            } catch (IllegalArgumentException conflict) {
                // Left out: its type is standard, taken by an earlier codec, or its alignment is invalid.
            }
        }
        codec = new Ipv6PacketCodec(new MobilityHeaderCodec(MobilityOptionRegistry.of(usable)));
    }

    /** The option codecs in use, for display. */
    List<MobilityOptionCodec> optionCodecs() {
        return codec.mobilityHeaderCodec().registry().codecs();
    }

    @Override
    public Ipv6Packet decode(byte[] packet, int offset, int length) throws WireFormatException {
        return codec.decode(packet, offset, length);
    }

    @Override
    public Ipv6Packet inspect(byte[] packet, int offset, int length) throws WireFormatException {
        return codec.inspect(packet, offset, length);
    }

    @Override
    public MobilityHeaderCodec mobilityHeaderCodec() {
        return codec.mobilityHeaderCodec();
    }

    @Override
    public Ipv6PacketBuilder packet(MobilityMessage message) {
        return codec.packet(message);
    }

    @Override
    public Ipv6PacketBuilder packet(Icmpv6Message message) {
        return codec.packet(message);
    }
}
