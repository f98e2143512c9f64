package mobility.api.kernel;

/**
 * A network interface as the kernel reports it.
 *
 * @param index   the interface index
 * @param name    the interface name
 * @param kind    the link type ("veth", "tun", "ip6tnl"...), empty for devices without one (lo, physical NICs)
 * @param up      administratively up (IFF_UP)
 * @param lowerUp the carrier is present (IFF_LOWER_UP)
 * @param mtu     the MTU in bytes
 * @param address the link-layer address as colon-separated hex, empty when the link has none
 */
public record Link(int index, String name, String kind, boolean up, boolean lowerUp, int mtu, String address) {

    /** The link-layer address as bytes (for a Neighbor Discovery link-layer address option), empty when none. */
    public byte[] addressBytes() {
        if (address == null || address.isEmpty()) {
            return new byte[0];
        }
        String[] parts = address.split(":");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }
}
