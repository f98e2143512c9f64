package mobility.wire;

import java.io.IOException;

/** A pcap file that cannot be read further: bad magic number, or a record header cut short. */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
