package mobility.api.wire;

/** Test helper: octets from hexadecimal with spaces, and back. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return NetworkBytes.fromHex(hex);
    }

    public static String of(byte[] b) {
        return NetworkBytes.hex(b, 0, b.length);
    }
}
