package mobility.wire;

import java.util.function.Consumer;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.mh.AlternateCareOfAddress;
import mobility.api.wire.mh.BindingAuthorizationData;
import mobility.api.wire.mh.BindingRefreshAdvice;
import mobility.api.wire.mh.MobileNetworkPrefix;
import mobility.api.wire.mh.MobilityOption;
import mobility.api.wire.mh.NonceIndices;
import mobility.api.wire.mh.UnknownMobilityOption;

/**
 * Writes each mobility option a message hands to it ({@code MobilityMessage.forEachOption}) into a {@link FieldSink}:
 * its type, then its fields, named as the RFCs name them. A line renderer keeps one, so that the options of a
 * million messages are rendered without a list, an iterator or a consumer made for each.
 */
final class MobilityOptionFields implements Consumer<MobilityOption> {

    private final FieldSink f;

    MobilityOptionFields(FieldSink f) {
        this.f = f;
    }

    @Override
    public void accept(MobilityOption o) {
        f.option(MobilityOption.typeName(o.type()));
        if (o instanceof BindingRefreshAdvice a) {
            f.number(FieldName.REFRESH_INTERVAL, a.refreshInterval());
            f.number(FieldName.REFRESH_INTERVAL_SECONDS, a.refreshIntervalSeconds());
        } else if (o instanceof AlternateCareOfAddress a) {
            f.address(FieldName.ADDRESS, a.address());
        } else if (o instanceof NonceIndices n) {
            f.number(FieldName.HOME_NONCE_INDEX, n.homeNonceIndex());
            f.number(FieldName.CARE_OF_NONCE_INDEX, n.careOfNonceIndex());
        } else if (o instanceof BindingAuthorizationData d) {
            f.hex96(FieldName.AUTHENTICATOR, d.authenticator().first64(), d.authenticator().last32());
        } else if (o instanceof MobileNetworkPrefix p) {
            f.prefix(FieldName.PREFIX, p.prefix(), p.prefixLength());
        } else if (o instanceof UnknownMobilityOption u) {
            f.number(FieldName.CODE, u.type());
            f.text(FieldName.DATA, hex(u.data()));
        } else {
            f.number(FieldName.CODE, o.type());
            f.text(FieldName.VALUE, o.toString());
        }
    }

    private static String hex(byte[] b) {
        return NetworkBytes.hex(b, 0, b.length);
    }
}
