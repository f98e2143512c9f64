package mobility.api.wire.mh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The extension option codecs the Mobility Header codec consults for option types it does not know itself.
 * Immutable: adding a codec gives a new registry, so a codec in use never sees the set change under it.
 */
public final class MobilityOptionRegistry {

    private static final MobilityOptionRegistry STANDARD = new MobilityOptionRegistry(new MobilityOptionCodec[256]);

    private final MobilityOptionCodec[] byType;

    private MobilityOptionRegistry(MobilityOptionCodec[] byType) {
        this.byType = byType;
    }

    /** Only the options of RFC 6275 and RFC 3963, which the codec handles itself. */
    public static MobilityOptionRegistry standard() {
        return STANDARD;
    }

    /**
     * The standard options and these extension codecs.
     *
     * @throws IllegalArgumentException for a standard type, two codecs of one type, or an invalid alignment
     */
    public static MobilityOptionRegistry of(Collection<? extends MobilityOptionCodec> codecs) {
        MobilityOptionCodec[] byType = new MobilityOptionCodec[256];
        for (MobilityOptionCodec codec : codecs) {
            int type = codec.type();
            if (type <= MobilityOption.MOBILE_NETWORK_PREFIX || type > 255) {
                throw new IllegalArgumentException("option type " + type + " is standard or out of range");
            }
            int x = codec.alignmentMultiple();
            int y = codec.alignmentOffset();
            if (x != 1 && x != 2 && x != 4 && x != 8 || y < 0 || y >= x) {
                throw new IllegalArgumentException("alignment " + x + "n+" + y + " of option type " + type);
            }
            if (byType[type] != null) {
                throw new IllegalArgumentException("two codecs for option type " + type);
            }
            byType[type] = codec;
        }
        return new MobilityOptionRegistry(byType);
    }

    /** This registry and one more codec. */
    public MobilityOptionRegistry with(MobilityOptionCodec codec) {
        List<MobilityOptionCodec> all = new ArrayList<>(codecs());
        all.add(codec);
        return of(all);
    }

    /** The extension codec for {@code type}, or null. */
    public MobilityOptionCodec codec(int type) {
        return byType[type & 0xff];
    }

    public List<MobilityOptionCodec> codecs() {
        List<MobilityOptionCodec> out = new ArrayList<>();
        for (MobilityOptionCodec c : byType) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}
