package mobility.wire;

import java.util.List;

import mobility.api.net.Ipv6Address;

/**
 * Where {@link MessageFields} puts the fields and options of a message: into a map ({@link MapFields}, for
 * {@code mip:decode} and the rare frames of the pcap decoder that need the whole description), or straight into an
 * output line ({@link TextLine}, {@link JsonLine}), so that the names and the order are written in one place only.
 */
interface FieldSink {

    void number(FieldName name, int value);

    void number(FieldName name, long value);

    void text(FieldName name, String value);

    /** Sixteen lower-case hexadecimal digits, zero-padded: cookies and keygen tokens. */
    void hex64(FieldName name, long value);

    /** Twenty-four hexadecimal digits, zero-padded: the Binding Authorization Data's authenticator. */
    void hex96(FieldName name, long first64, int last32);

    void address(FieldName name, Ipv6Address value);

    void addresses(FieldName name, List<Ipv6Address> values);

    /** {@code prefix/length}. */
    void prefix(FieldName name, Ipv6Address prefix, int length);

    /** Starts the next option of the message; the fields that follow are that option's. */
    void option(String type);
}
