package mobility.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import mobility.api.binding.Binding;
import mobility.api.binding.BindingKey;
import mobility.api.binding.BindingKind;
import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * A binding as the value stored under its key. The first byte is the record's format version so that a later
 * release can read what an earlier one wrote. A home registration is stored under its home address alone (16
 * octets: a home agent has one per home address, and a store written before correspondent bindings existed reads as
 * it was); a correspondent binding under its local address and home address (32 octets), as {@link BindingKey}.
 */
final class BindingRecord {

    static final byte VERSION = 1;
    private static final int FIXED = 1 + 16 + 16 + 2 + 1 + 4 + 8 + 8 + 1;

    private BindingRecord() {
    }

    static byte[] key(BindingKey key, BindingKind kind) {
        if (kind == BindingKind.HOME_REGISTRATION) {
            return key.homeAddress().toBytes();
        }
        return ByteBuffer.allocate(32).put(key.localAddress().toBytes()).put(key.homeAddress().toBytes()).array();
    }

    /** The key of a binding: a home registration's under its home address, a correspondent's under both. */
    static byte[] key(Binding b) {
        return key(b.key(), b.kind());
    }

    static byte[] encode(Binding b) {
        List<Ipv6Prefix> prefixes = b.mobileNetworkPrefixes();
        ByteBuffer buf = ByteBuffer.allocate(FIXED + 17 * prefixes.size());
        buf.put(VERSION);
        buf.putLong(b.careOfAddress().high()).putLong(b.careOfAddress().low());
        buf.putLong(b.localAddress().high()).putLong(b.localAddress().low());
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
        Ipv6Address local = Ipv6Address.of(buf.getLong(), buf.getLong());
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
        Ipv6Address home = key.length == 32 ? Ipv6Address.of(java.util.Arrays.copyOfRange(key, 16, 32))
                : Ipv6Address.of(key);
        return new Binding(home, coa, local, sequence, flags, lifetime, registered, expires, prefixes);
    }
}
