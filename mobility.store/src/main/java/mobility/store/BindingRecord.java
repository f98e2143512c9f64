package mobility.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import mobility.api.binding.Binding;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * A binding as the value stored under its home address. The first byte is the record's format version so that a
 * later release can read what an earlier one wrote.
 */
final class BindingRecord {

    static final byte VERSION = 1;
    private static final int FIXED = 1 + 16 + 16 + 2 + 1 + 4 + 8 + 8 + 1;

    private BindingRecord() {
    }

    static byte[] key(Ipv6Address homeAddress) {
        return homeAddress.toBytes();
    }

    static byte[] encode(Binding b) {
        List<Ipv6Prefix> prefixes = b.mobileNetworkPrefixes();
        ByteBuffer buf = ByteBuffer.allocate(FIXED + 17 * prefixes.size());
        buf.put(VERSION);
        buf.putLong(b.careOfAddress().high()).putLong(b.careOfAddress().low());
        buf.putLong(b.homeAgentAddress().high()).putLong(b.homeAgentAddress().low());
        buf.putShort((short) b.sequence());
        buf.put((byte) b.flags());
        buf.putInt(b.lifetimeSeconds());
        buf.putLong(b.registeredAtMillis());
        buf.putLong(b.expiresAtMillis());
        buf.put((byte) prefixes.size());
        for (Ipv6Prefix p : prefixes) {
            buf.putLong(p.address().high()).putLong(p.address().low()).put((byte) p.length());
        }
        return buf.array();
    }

    static Binding decode(byte[] key, byte[] value) {
        ByteBuffer buf = ByteBuffer.wrap(value);
        byte version = buf.get();
        if (version != VERSION) {
            throw new IllegalStateException("binding record version " + version + " is not " + VERSION);
        }
        Ipv6Address coa = Ipv6Address.of(buf.getLong(), buf.getLong());
        Ipv6Address ha = Ipv6Address.of(buf.getLong(), buf.getLong());
        int sequence = buf.getShort() & 0xffff;
        int flags = buf.get() & 0xff;
        int lifetime = buf.getInt();
        long registered = buf.getLong();
        long expires = buf.getLong();
        int n = buf.get() & 0xff;
        List<Ipv6Prefix> prefixes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prefixes.add(new Ipv6Prefix(Ipv6Address.of(buf.getLong(), buf.getLong()), buf.get() & 0xff));
        }
        return new Binding(Ipv6Address.of(key), coa, ha, sequence, flags, lifetime, registered, expires, prefixes);
    }
}
