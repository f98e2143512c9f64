package mobility.netlink.nl;

import java.util.function.Function;

import mobility.api.kernel.KernelFeature;

/**
 * One kind of request: its netlink message type and flags, how an item is written after the netlink header, how
 * the item is named in an error, and which kernel feature (if any) the item needs, so that "not supported" errnos
 * become the capability error.
 *
 * @param name     the request's name in errors, e.g. "RTM_NEWROUTE"
 * @param type     the netlink message type
 * @param flags    NLM_F_* besides NLM_F_REQUEST and NLM_F_ACK
 * @param encoder  writes the family header and attributes
 * @param describer names the item in an error
 * @param feature  the feature the item needs, or {@code null}
 */
public record Operation<T>(String name, int type, int flags, Encoder<? super T> encoder,
        Function<? super T, String> describer, Function<? super T, KernelFeature> feature) {

    /** Writes one item's message body (everything after the netlink header). */
    @FunctionalInterface
    public interface Encoder<T> {
        void encode(MessageWriter writer, T item);
    }

    public static <T> Operation<T> of(String name, int type, int flags, Encoder<? super T> encoder,
            Function<? super T, String> describer) {
        return new Operation<>(name, type, flags, encoder, describer, item -> null);
    }

    public Operation<T> needing(Function<? super T, KernelFeature> requiredFeature) {
        return new Operation<>(name, type, flags, encoder, describer, requiredFeature);
    }
}
