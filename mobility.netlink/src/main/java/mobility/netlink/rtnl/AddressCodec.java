package mobility.netlink.rtnl;

import static mobility.netlink.rtnl.Rtnl.*;

import java.nio.ByteBuffer;
import java.util.EnumSet;

import mobility.api.kernel.Address;
import mobility.api.kernel.AddressFlag;
import mobility.api.net.Ipv6Prefix;
import mobility.netlink.nl.Attributes;
import mobility.netlink.nl.MessageWriter;
import mobility.netlink.nl.Netlink;

/** RTM_*ADDR messages: struct ifaddrmsg, IFA_ADDRESS, IFA_FLAGS (all 32 flag bits), IFA_CACHEINFO, IFA_PROTO. */
public final class AddressCodec {

    private AddressCodec() {
    }

    static int flagBits(Address address) {
        int bits = 0;
        for (AddressFlag f : address.flags()) {
            bits |= f.bit();
        }
        return bits;
    }

    static void header(MessageWriter w, int prefixLength, int flags, int ifindex) {
        w.u8(AF_INET6).u8(prefixLength).u8(flags & 0xff).u8(0).u32(ifindex);
    }

    /** The address with its flags, lifetimes (struct ifa_cacheinfo: preferred, valid, cstamp, tstamp) and owner. */
    static void add(MessageWriter w, Address address) {
        int flags = flagBits(address);
        header(w, address.prefix().length(), flags, address.ifindex());
        w.attributeAddress(IFA_ADDRESS, address.prefix().address());
        w.attributeU32(IFA_FLAGS, flags);
        int cacheInfo = w.beginNest(IFA_CACHEINFO);
        w.u32((int) address.preferredLifetime()).u32((int) address.validLifetime()).u32(0).u32(0);
        w.endNest(cacheInfo);
        if (address.protocol() != 0) {
            w.attributeU8(IFA_PROTO, address.protocol());
        }
    }

    static void remove(MessageWriter w, int ifindex, Ipv6Prefix prefix) {
        header(w, prefix.length(), 0, ifindex);
        w.attributeAddress(IFA_ADDRESS, prefix.address());
    }

    /** The address, or {@code null} for another family. */
    public static Address decode(ByteBuffer b, int offset, int length, Attributes a) {
        int body = offset + Netlink.HEADER_LENGTH;
        if ((b.get(body) & 0xff) != AF_INET6) {
            return null;
        }
        int prefixLength = b.get(body + 1) & 0xff;
        int flags = b.get(body + 2) & 0xff;
        int ifindex = b.getInt(body + 4);
        Ipv6Prefix prefix = null;
        long preferred = Address.FOREVER;
        long valid = Address.FOREVER;
        int protocol = 0;
        a.reset(b, body + IFADDRMSG_LENGTH, offset + length);
        while (a.next()) {
            switch (a.type()) {
                case IFA_ADDRESS -> prefix = new Ipv6Prefix(a.address(), prefixLength);
                case IFA_FLAGS -> flags = a.u32();
                case IFA_CACHEINFO -> {
                    preferred = b.getInt(a.valueOffset()) & 0xffff_ffffL;
                    valid = b.getInt(a.valueOffset() + 4) & 0xffff_ffffL;
                }
                case IFA_PROTO -> protocol = a.u8();
                default -> {
                }
            }
        }
        if (prefix == null) {
            return null;
        }
        EnumSet<AddressFlag> set = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : AddressFlag.values()) {
            if ((flags & f.bit()) != 0) {
                set.add(f);
            }
        }
        return new Address(ifindex, prefix, set, valid, Math.min(preferred, valid), protocol);
    }
}
