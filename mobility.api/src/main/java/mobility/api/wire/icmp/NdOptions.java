package mobility.api.wire.icmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/** Reads and writes the option list that ends Neighbor Discovery and Mobile Prefix messages (RFC 4861 §4.6). */
final class NdOptions {

    private NdOptions() {
    }

    static List<NdOption> read(byte[] b, int at, int end, String message) throws WireFormatException {
        List<NdOption> out = new ArrayList<>();
        while (at < end) {
            if (at + 2 > end) {
                throw WireFormatException.silentDiscard(message, "option Length", at,
                        "option without its Length octet at the end of the message");
            }
            int type = NetworkBytes.u8(b, at);
            int units = NetworkBytes.u8(b, at + 1);
            String name = NdOption.typeName(type);
            // RFC 4861 §4.6: "Nodes MUST silently discard an ND packet that contains an option with length zero."
            if (units == 0) {
                throw WireFormatException.silentDiscard(message, name + " Length", at + 1, "option Length 0");
            }
            int length = units * NdOption.LENGTH_UNIT;
            if (at + length > end) {
                throw WireFormatException.silentDiscard(message, name + " Length", at + 1, "option of " + length
                        + " octets runs past the end of the message (" + (end - at) + " left)");
            }
            out.add(option(b, at, type, length, message, name));
            at += length;
        }
        return List.copyOf(out);
    }

    private static NdOption option(byte[] b, int at, int type, int length, String message, String name)
            throws WireFormatException {
        switch (type) {
            case NdOption.SOURCE_LINK_LAYER_ADDRESS, NdOption.TARGET_LINK_LAYER_ADDRESS -> {
                return new LinkLayerAddressOption(type, Arrays.copyOfRange(b, at + 2, at + length));
            }
            case NdOption.PREFIX_INFORMATION -> {
                fixed(message, name, at, length, PrefixInformation.LENGTH);
                if (NetworkBytes.u8(b, at + 2) > 128) {
                    throw WireFormatException.silentDiscard(message, "Prefix Length", at + 2,
                            "Prefix Length " + NetworkBytes.u8(b, at + 2) + " exceeds 128");
                }
                return PrefixInformation.read(b, at);
            }
            case NdOption.MTU -> {
                fixed(message, name, at, length, MtuOption.LENGTH);
                return new MtuOption(NetworkBytes.u32(b, at + 4));
            }
            case NdOption.ADVERTISEMENT_INTERVAL -> {
                fixed(message, name, at, length, AdvertisementInterval.LENGTH);
                return new AdvertisementInterval(NetworkBytes.u32(b, at + 4));
            }
            case NdOption.HOME_AGENT_INFORMATION -> {
                fixed(message, name, at, length, HomeAgentInformation.LENGTH);
                return HomeAgentInformation.read(b, at);
            }
            default -> {
                return new UnknownNdOption(type, Arrays.copyOfRange(b, at + 2, at + length));
            }
        }
    }

    private static void fixed(String message, String name, int at, int length, int expected)
            throws WireFormatException {
        if (length != expected) {
            throw WireFormatException.silentDiscard(message, name + " Length", at + 1, "Length "
                    + length / NdOption.LENGTH_UNIT + ", must be " + expected / NdOption.LENGTH_UNIT);
        }
    }

    static int length(List<NdOption> options) {
        int n = 0;
        for (NdOption o : options) {
            n += o.length();
        }
        return n;
    }

    static void write(List<NdOption> options, byte[] b, int at) {
        for (NdOption o : options) {
            o.write(b, at);
            at += o.length();
        }
    }
}
