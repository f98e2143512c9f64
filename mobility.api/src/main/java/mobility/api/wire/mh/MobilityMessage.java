package mobility.api.wire.mh;

import static mobility.api.wire.NetworkBytes.u16;
import static mobility.api.wire.NetworkBytes.u64;
import static mobility.api.wire.NetworkBytes.u8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.NetworkBytes;
import mobility.api.wire.WireFormatException;

/**
 * A Mobility Header message (RFC 6275 §6.1) with its mobility options (§6.2). Immutable.
 *
 * <p>The options a role reads on every message (Binding Refresh Advice, Alternate Care-of Address, Nonce Indices,
 * Binding Authorization Data) are held in fields of the message itself, so that decoding a Binding Update or
 * Acknowledgement allocates the message object and nothing else. Mobile Network Prefixes, extension and unknown
 * options follow in wire order. {@link #options()} lists them all in the order the encoder writes them: Binding
 * Refresh Advice, Alternate Care-of Address, Nonce Indices, the others, and Binding Authorization Data last as
 * §6.2.7 requires. Pad1 and PadN are layout, not content: the decoder skips them, the encoder inserts them.
 */
public abstract sealed class MobilityMessage permits BindingRefreshRequest, HomeTestInit, CareOfTestInit, HomeTest,
        CareOfTest, BindingUpdate, BindingAcknowledgement, BindingError {

    private static final MobilityOption[] NO_OPTIONS = {};
    private static final int ABSENT = -1;

    private final int refreshInterval;
    private final boolean hasAlternateCareOf;
    private final long alternateCareOfHigh;
    private final long alternateCareOfLow;
    private final long nonceIndices;
    private final boolean hasAuthorization;
    private final long authenticatorFirst64;
    private final int authenticatorLast32;
    private final int authenticatorOffset;
    private final MobilityOption[] others;

    /** A message to send, with these options in any order. */
    MobilityMessage(List<? extends MobilityOption> options) {
        int refresh = ABSENT;
        Ipv6Address alternate = null;
        long nonces = ABSENT;
        Authenticator authenticator = null;
        List<MobilityOption> rest = new ArrayList<>();
        for (MobilityOption o : options) {
            if (o instanceof BindingRefreshAdvice a) {
                refresh = once(refresh == ABSENT, o, a.refreshInterval());
            } else if (o instanceof AlternateCareOfAddress a) {
                once(alternate == null, o, 0);
                alternate = a.address();
            } else if (o instanceof NonceIndices n) {
                once(nonces == ABSENT, o, 0);
                nonces = (long) n.homeNonceIndex() << 16 | n.careOfNonceIndex();
            } else if (o instanceof BindingAuthorizationData d) {
                once(authenticator == null, o, 0);
                authenticator = d.authenticator();
            } else if (o.type() == MobilityOption.PAD1 || o.type() == MobilityOption.PADN) {
                throw new IllegalArgumentException("padding is inserted by the encoder, not given as an option");
            } else {
                rest.add(o);
            }
        }
        refreshInterval = refresh;
        hasAlternateCareOf = alternate != null;
        alternateCareOfHigh = alternate == null ? 0 : alternate.high();
        alternateCareOfLow = alternate == null ? 0 : alternate.low();
        nonceIndices = nonces;
        hasAuthorization = authenticator != null;
        authenticatorFirst64 = authenticator == null ? 0 : authenticator.first64();
        authenticatorLast32 = authenticator == null ? 0 : authenticator.last32();
        authenticatorOffset = ABSENT;
        others = rest.isEmpty() ? NO_OPTIONS : rest.toArray(NO_OPTIONS);
    }

    private static int once(boolean first, MobilityOption o, int value) {
        if (!first) {
            throw new IllegalArgumentException("option given twice: " + MobilityOption.typeName(o.type()));
        }
        return value;
    }

    /**
     * Decodes the options between {@code at} and {@code end} of the Mobility Header that starts at {@code mh},
     * checking each known option's length and alignment (§6.2) and skipping unknown ones (§6.2.1). Offsets in an
     * exception are indices into {@code b}.
     */
    MobilityMessage(byte[] b, int mh, int at, int end, MobilityOptionRegistry registry, String message)
            throws WireFormatException {
        int refresh = ABSENT;
        boolean alternate = false;
        long alternateHigh = 0;
        long alternateLow = 0;
        long nonces = ABSENT;
        int authorization = ABSENT;
        MobilityOption[] rest = NO_OPTIONS;
        int restCount = 0;
        int i = at;
        while (i < end) {
            int type = u8(b, i);
            if (type == MobilityOption.PAD1) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                throw WireFormatException.silentDiscard(message, "Option Length", i,
                        "option of type " + type + " has no Length octet before the end of the Mobility Header");
            }
            int length = u8(b, i + 1);
            int data = i + 2;
            String name = MobilityOption.typeName(type);
            if (data + length > end) {
                throw WireFormatException.silentDiscard(message, name + " Length", i + 1,
                        "option of " + length + " octets runs past the end of the Mobility Header (Header Len)");
            }
            if (authorization != ABSENT && type != MobilityOption.PADN) {
                throw WireFormatException.silentDiscard(message, name, i,
                        "option after Binding Authorization Data, which must be the last option (§6.2.7)");
            }
            switch (type) {
                case MobilityOption.PADN -> {
                    // §6.2.3: the receiver ignores the padding's content.
                }
                case MobilityOption.BINDING_REFRESH_ADVICE -> {
                    check(b, message, name, mh, i, 2, 0, length, BindingRefreshAdvice.LENGTH, refresh == ABSENT);
                    refresh = u16(b, data);
                }
                case MobilityOption.ALTERNATE_CARE_OF_ADDRESS -> {
                    check(b, message, name, mh, i, 8, 6, length, AlternateCareOfAddress.LENGTH, !alternate);
                    alternate = true;
                    alternateHigh = u64(b, data);
                    alternateLow = u64(b, data + 8);
                }
                case MobilityOption.NONCE_INDICES -> {
                    check(b, message, name, mh, i, 2, 0, length, NonceIndices.LENGTH, nonces == ABSENT);
                    nonces = (long) u16(b, data) << 16 | u16(b, data + 2);
                }
                case MobilityOption.BINDING_AUTHORIZATION_DATA -> {
                    check(b, message, name, mh, i, 8, 2, length, BindingAuthorizationData.LENGTH, true);
                    authorization = data;
                }
                case MobilityOption.MOBILE_NETWORK_PREFIX -> {
                    check(b, message, name, mh, i, 8, 4, length, MobileNetworkPrefix.LENGTH, true);
                    int prefixLength = u8(b, data + 1);
                    if (prefixLength > 128) {
                        throw WireFormatException.silentDiscard(message, "Prefix Length", data + 1,
                                "Prefix Length " + prefixLength + " exceeds 128");
                    }
                    rest = append(rest, restCount++,
                            new MobileNetworkPrefix(prefixLength, Ipv6Address.read(b, data + 2)));
                }
                default -> rest = append(rest, restCount++, extension(b, mh, i, type, length, registry, message));
            }
            i = data + length;
        }
        refreshInterval = refresh;
        hasAlternateCareOf = alternate;
        alternateCareOfHigh = alternateHigh;
        alternateCareOfLow = alternateLow;
        nonceIndices = nonces;
        hasAuthorization = authorization != ABSENT;
        authenticatorFirst64 = hasAuthorization ? u64(b, authorization) : 0;
        authenticatorLast32 = hasAuthorization ? (int) NetworkBytes.u32(b, authorization + 8) : 0;
        authenticatorOffset = hasAuthorization ? authorization - mh : ABSENT;
        others = restCount == rest.length ? rest : Arrays.copyOf(rest, restCount);
    }

    /** §6.2: the option's Type octet sits at xn+y from the start of the Mobility Header, its Length is fixed. */
    private static void check(byte[] b, String message, String name, int mh, int i, int x, int y, int length,
            int expectedLength, boolean first) throws WireFormatException {
        if (((i - mh) & (x - 1)) != y) {
            throw WireFormatException.silentDiscard(message, name, i, "option at offset " + (i - mh)
                    + " of the Mobility Header breaks its alignment requirement " + x + "n+" + y + " (§6.2)");
        }
        if (length != expectedLength) {
            throw WireFormatException.silentDiscard(message, name + " Length", i + 1,
                    "Length " + length + ", must be " + expectedLength);
        }
        if (!first) {
            throw WireFormatException.silentDiscard(message, name, i, "option appears twice");
        }
    }

    private static MobilityOption extension(byte[] b, int mh, int i, int type, int length,
            MobilityOptionRegistry registry, String message) throws WireFormatException {
        MobilityOptionCodec codec = registry.codec(type);
        if (codec == null) {
            // §6.2.1: options the receiver does not understand are skipped by their Length.
            return new UnknownMobilityOption(type, Arrays.copyOfRange(b, i + 2, i + 2 + length));
        }
        int x = codec.alignmentMultiple();
        int y = codec.alignmentOffset();
        if ((i - mh) % x != y) {
            throw WireFormatException.silentDiscard(message, MobilityOption.typeName(type), i, "option at offset "
                    + (i - mh) + " of the Mobility Header breaks its alignment requirement " + x + "n+" + y);
        }
        MobilityOption option;
        try {
            option = codec.decode(b, i + 2, length);
        } catch (RuntimeException e) {
            // An extension's bug must not turn into an exception other than the declared one.
            throw WireFormatException.silentDiscard(message, MobilityOption.typeName(type), i,
                    "option codec " + codec.getClass().getName() + " failed: " + e);
        }
        if (option == null || option.type() != type) {
            throw WireFormatException.silentDiscard(message, MobilityOption.typeName(type), i,
                    "option codec " + codec.getClass().getName() + " returned no option of type " + type);
        }
        return option;
    }

    private static MobilityOption[] append(MobilityOption[] a, int count, MobilityOption o) {
        MobilityOption[] out = count < a.length ? a : Arrays.copyOf(a, Math.max(4, count * 2));
        out[count] = o;
        return out;
    }

    /** The MH Type (§6.1.1). */
    public abstract int mhType();

    /** Octets of the message data before the options: the common part and the type's fixed fields. */
    abstract int fixedLength();

    /** Writes the type's fixed fields from {@link MobilityHeader#MESSAGE_DATA} to {@link #fixedLength()}. */
    abstract void writeFields(byte[] b, int mh);

    /** The message's name as the RFC writes it. */
    public String name() {
        return MobilityHeader.typeName(mhType());
    }

    public Optional<BindingRefreshAdvice> bindingRefreshAdvice() {
        return Optional.ofNullable(refreshAdvice());
    }

    public Optional<AlternateCareOfAddress> alternateCareOfAddress() {
        return Optional.ofNullable(alternateCareOf());
    }

    public Optional<NonceIndices> nonceIndices() {
        return Optional.ofNullable(nonces());
    }

    public Optional<BindingAuthorizationData> bindingAuthorizationData() {
        return Optional.ofNullable(authorization());
    }

    private BindingRefreshAdvice refreshAdvice() {
        return refreshInterval == ABSENT ? null : new BindingRefreshAdvice(refreshInterval);
    }

    private AlternateCareOfAddress alternateCareOf() {
        return hasAlternateCareOf ? new AlternateCareOfAddress(Ipv6Address.of(alternateCareOfHigh, alternateCareOfLow))
                : null;
    }

    private NonceIndices nonces() {
        return nonceIndices == ABSENT ? null
                : new NonceIndices((int) (nonceIndices >>> 16), (int) (nonceIndices & 0xffff));
    }

    private BindingAuthorizationData authorization() {
        return hasAuthorization
                ? new BindingAuthorizationData(new Authenticator(authenticatorFirst64, authenticatorLast32)) : null;
    }

    /**
     * Octets from the start of the received Mobility Header to the Authenticator, so that a correspondent node can
     * verify it over the bytes received (§5.2.6); -1 for a message that was built, not decoded, or has none.
     */
    public int authenticatorOffset() {
        return authenticatorOffset;
    }

    public List<MobileNetworkPrefix> mobileNetworkPrefixes() {
        List<MobileNetworkPrefix> out = new ArrayList<>();
        for (MobilityOption o : others) {
            if (o instanceof MobileNetworkPrefix p) {
                out.add(p);
            }
        }
        return out;
    }

    /** Every option, in the order the encoder writes them (see the class comment). */
    public List<MobilityOption> options() {
        List<MobilityOption> out = new ArrayList<>(others.length + 4);
        // Plain ifs, no method references: a bound "out::add" is an object per option, and C1-compiled code (a
        // short-lived tool such as the pcap decoder runs on C1 alone) allocates it through a slow runtime call.
        addIfPresent(out, refreshAdvice());
        addIfPresent(out, alternateCareOf());
        addIfPresent(out, nonces());
        Collections.addAll(out, others);
        addIfPresent(out, authorization());
        return out;
    }

    /**
     * Hands each option to {@code action} in the order of {@link #options()}, without the list and its iterator: for
     * a caller that reads millions of messages, such as a capture decoder.
     */
    public void forEachOption(Consumer<? super MobilityOption> action) {
        if (refreshInterval != ABSENT) {
            action.accept(refreshAdvice());
        }
        if (hasAlternateCareOf) {
            action.accept(alternateCareOf());
        }
        if (nonceIndices != ABSENT) {
            action.accept(nonces());
        }
        for (MobilityOption o : others) {
            action.accept(o);
        }
        if (hasAuthorization) {
            action.accept(authorization());
        }
    }

    private static void addIfPresent(List<MobilityOption> options, MobilityOption option) {
        if (option != null) {
            options.add(option);
        }
    }

    /**
     * Octets of the whole Mobility Header once encoded: the fixed part, the options on their alignment, and padding
     * to a multiple of 8 (§6.1.1).
     */
    int encodedLength(MobilityOptionRegistry registry) {
        return layout(null, 0, registry);
    }

    /** Writes the options after the fixed part with the padding of §6.2 and returns the Mobility Header's length. */
    int writeOptions(byte[] b, int mh, MobilityOptionRegistry registry) {
        return layout(b, mh, registry);
    }

    /** Walks the options in encoding order; writes them when {@code b} is not null. Returns the total length. */
    private int layout(byte[] b, int mh, MobilityOptionRegistry registry) {
        int at = fixedLength();
        if (refreshInterval != ABSENT) {
            at = pad(b, mh, at, 2, 0);
            at = header(b, mh, at, MobilityOption.BINDING_REFRESH_ADVICE, BindingRefreshAdvice.LENGTH);
            if (b != null) {
                NetworkBytes.put16(b, mh + at, refreshInterval);
            }
            at += BindingRefreshAdvice.LENGTH;
        }
        if (hasAlternateCareOf) {
            at = pad(b, mh, at, 8, 6);
            at = header(b, mh, at, MobilityOption.ALTERNATE_CARE_OF_ADDRESS, AlternateCareOfAddress.LENGTH);
            if (b != null) {
                NetworkBytes.put64(b, mh + at, alternateCareOfHigh);
                NetworkBytes.put64(b, mh + at + 8, alternateCareOfLow);
            }
            at += AlternateCareOfAddress.LENGTH;
        }
        if (nonceIndices != ABSENT) {
            at = pad(b, mh, at, 2, 0);
            at = header(b, mh, at, MobilityOption.NONCE_INDICES, NonceIndices.LENGTH);
            if (b != null) {
                NetworkBytes.put32(b, mh + at, nonceIndices);
            }
            at += NonceIndices.LENGTH;
        }
        for (MobilityOption o : others) {
            at = other(b, mh, at, o, registry);
        }
        if (hasAuthorization) {
            at = pad(b, mh, at, 8, 2);
            at = header(b, mh, at, MobilityOption.BINDING_AUTHORIZATION_DATA, Authenticator.LENGTH);
            if (b != null) {
                new Authenticator(authenticatorFirst64, authenticatorLast32).write(b, mh + at);
            }
            at += Authenticator.LENGTH;
        }
        at = pad(b, mh, at, MobilityHeader.LENGTH_UNIT, 0);
        if (at > MobilityHeader.MAX_LENGTH) {
            throw new IllegalArgumentException("options make the Mobility Header " + at + " octets, more than "
                    + MobilityHeader.MAX_LENGTH + " (Header Len 255)");
        }
        return at;
    }

    private static int other(byte[] b, int mh, int at, MobilityOption o, MobilityOptionRegistry registry) {
        if (o instanceof MobileNetworkPrefix p) {
            at = pad(b, mh, at, 8, 4);
            at = header(b, mh, at, MobilityOption.MOBILE_NETWORK_PREFIX, MobileNetworkPrefix.LENGTH);
            if (b != null) {
                b[mh + at] = 0;
                NetworkBytes.put8(b, mh + at + 1, p.prefixLength());
                p.prefix().write(b, mh + at + 2);
            }
            return at + MobileNetworkPrefix.LENGTH;
        }
        if (o instanceof UnknownMobilityOption u) {
            at = header(b, mh, at, u.type(), u.length());
            if (b != null) {
                u.write(b, mh + at);
            }
            return at + u.length();
        }
        MobilityOptionCodec codec = registry.codec(o.type());
        if (codec == null) {
            throw new IllegalArgumentException("no codec registered for option type " + o.type() + ": " + o);
        }
        int length = codec.dataLength(o);
        if (length < 0 || length > 255) {
            throw new IllegalArgumentException("option data of " + length + " octets: " + o);
        }
        at = pad(b, mh, at, codec.alignmentMultiple(), codec.alignmentOffset());
        at = header(b, mh, at, o.type(), length);
        if (b != null) {
            codec.encode(o, b, mh + at);
        }
        return at + length;
    }

    private static int header(byte[] b, int mh, int at, int type, int length) {
        if (b != null) {
            NetworkBytes.put8(b, mh + at, type);
            NetworkBytes.put8(b, mh + at + 1, length);
        }
        return at + 2;
    }

    /** §6.2.2/§6.2.3: Pad1 for one octet, PadN (zero data) for more, so that the next octet is at xn+y. */
    private static int pad(byte[] b, int mh, int at, int x, int y) {
        int n = Math.floorMod(y - at, x);
        if (b != null) {
            if (n == 1) {
                b[mh + at] = MobilityOption.PAD1;
            } else if (n > 1) {
                NetworkBytes.put8(b, mh + at, MobilityOption.PADN);
                NetworkBytes.put8(b, mh + at + 1, n - 2);
                Arrays.fill(b, mh + at + 2, mh + at + n, (byte) 0);
            }
        }
        return at + n;
    }

    boolean sameOptions(MobilityMessage o) {
        return refreshInterval == o.refreshInterval && hasAlternateCareOf == o.hasAlternateCareOf
                && alternateCareOfHigh == o.alternateCareOfHigh && alternateCareOfLow == o.alternateCareOfLow
                && nonceIndices == o.nonceIndices && hasAuthorization == o.hasAuthorization
                && authenticatorFirst64 == o.authenticatorFirst64 && authenticatorLast32 == o.authenticatorLast32
                && Arrays.equals(others, o.others);
    }

    int optionsHash() {
        return options().hashCode();
    }

    String optionsText() {
        List<MobilityOption> options = options();
        return options.isEmpty() ? "" : ", options=" + options;
    }
}
