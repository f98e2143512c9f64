package mobility.netlink.nl;

import java.nio.ByteBuffer;

/** Reads one kernel object from the message whose header starts at {@code offset}; {@code null} to skip it. */
@FunctionalInterface
public interface Decoder<T> {

    T decode(ByteBuffer buffer, int offset, int length, Attributes cursor);
}
