package mobility.api.wire.icmp;

import java.util.Arrays;

import mobility.api.wire.NetworkBytes;

/**
 * Source or Target Link-Layer Address (RFC 4861 §4.6.1): the link-layer address of the sender of a solicitation or
 * of the target of an advertisement; a home agent proxying for a mobile node puts its own there (RFC 6275 §10.4.1).
 */
public final class LinkLayerAddressOption implements NdOption {

    private final int type;
    private final byte[] address;

    public LinkLayerAddressOption(int type, byte[] address) {
        if (type != SOURCE_LINK_LAYER_ADDRESS && type != TARGET_LINK_LAYER_ADDRESS) {
            throw new IllegalArgumentException("not a link-layer address option type: " + type);
        }
        if (address.length == 0 || address.length > 255 * LENGTH_UNIT - 2) {
            throw new IllegalArgumentException("link-layer address of " + address.length + " octets");
        }
        this.type = type;
        this.address = address.clone();
    }

    public static LinkLayerAddressOption source(byte[] address) {
        return new LinkLayerAddressOption(SOURCE_LINK_LAYER_ADDRESS, address);
    }

    public static LinkLayerAddressOption target(byte[] address) {
        return new LinkLayerAddressOption(TARGET_LINK_LAYER_ADDRESS, address);
    }

    @Override
    public int type() {
        return type;
    }

    /** The address octets as received, including any trailing padding of the option. */
    public byte[] address() {
        return address.clone();
    }

    @Override
    public int length() {
        return (address.length + 2 + LENGTH_UNIT - 1) / LENGTH_UNIT * LENGTH_UNIT;
    }

    @Override
    public void write(byte[] b, int offset) {
        int length = length();
        NetworkBytes.put8(b, offset, type);
        NetworkBytes.put8(b, offset + 1, length / LENGTH_UNIT);
        System.arraycopy(address, 0, b, offset + 2, address.length);
        Arrays.fill(b, offset + 2 + address.length, offset + length, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkLayerAddressOption l && l.type == type && Arrays.equals(l.address, address);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(address);
    }

    /** Colon-separated hexadecimal octets, e.g. 02:00:00:00:00:01. */
    public String addressText() {
        StringBuilder out = new StringBuilder();
        for (byte x : address) {
            if (out.length() > 0) {
                out.append(':');
            }
            out.append(NetworkBytes.hex(new byte[] {x}, 0, 1));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return NdOption.typeName(type) + "[" + addressText() + "]";
    }
}
