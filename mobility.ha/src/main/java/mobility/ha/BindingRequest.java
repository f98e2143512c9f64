package mobility.ha;

import java.util.List;

import mobility.api.net.Ipv6Address;
import mobility.api.net.Ipv6Prefix;

/**
 * What a received Binding Update asks for, with the packet facts the checks of RFC 6275 §9.5.1 and §10.3.1 need.
 *
 * @param homeAddress from the Home Address option (or the source address when the mobile node is at home)
 * @param careOfAddress the Alternate Care-of Address option's address if present, else the packet's source (§6.2.5)
 * @param sequence the BU's sequence number
 * @param lifetimeUnits the BU's lifetime field, in units of 4 seconds (§6.1.7)
 * @param acknowledge A flag
 * @param homeRegistration H flag
 * @param linkLocalCompatibility L flag
 * @param keyManagement K flag
 * @param mobileRouter R flag (RFC 3963)
 * @param mobileNetworkPrefixes Mobile Network Prefix options (RFC 3963 §4.3)
 * @param protectedByIpsec whether the signalling protection accepted the packet (RFC 3776)
 */
record BindingRequest(Ipv6Address homeAddress, Ipv6Address careOfAddress, int sequence, int lifetimeUnits,
        boolean acknowledge, boolean homeRegistration, boolean linkLocalCompatibility, boolean keyManagement,
        boolean mobileRouter, List<Ipv6Prefix> mobileNetworkPrefixes, boolean protectedByIpsec) {

    /** §6.1.7: a lifetime of zero, or a care-of address equal to the home address, deregisters. */
    boolean isDeregistration() {
        return lifetimeUnits == 0 || careOfAddress.equals(homeAddress);
    }
}
