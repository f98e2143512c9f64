package mobility.cn;

import mobility.api.net.Ipv6Address;
import mobility.api.wire.mh.CareOfTest;
import mobility.api.wire.mh.CareOfTestInit;
import mobility.api.wire.mh.HomeTest;
import mobility.api.wire.mh.HomeTestInit;
import mobility.api.wire.rr.Nonce;
import mobility.api.wire.rr.NodeKey;

/**
 * The correspondent node's half of the return routability procedure (RFC 6275 §5.2.3, §9.4): a Home Test for each
 * Home Test Init and a Care-of Test for each Care-of Test Init, without keeping any state per mobile node (§5.2.1):
 * the keygen tokens come from Kcn, the address the init came from and the current nonce (§5.2.5), and are made again
 * from the Binding Update's nonce indices when it arrives.
 */
final class ReturnRoutabilityResponder {

    private final NodeKey kcn;
    private final NonceLifetimes nonces;

    ReturnRoutabilityResponder(NodeKey kcn, NonceLifetimes nonces) {
        this.kcn = kcn;
        this.nonces = nonces;
    }

    /** §9.4.3: to the home address the init came from, with its cookie, the nonce index and the home keygen token. */
    HomeTest homeTest(HomeTestInit init, Ipv6Address homeAddress) {
        Nonce n = nonces.current();
        return new HomeTest(n.index(), init.homeInitCookie(), kcn.homeKeygenToken(homeAddress, n.value()));
    }

    /** §9.4.4: to the care-of address the init came from, with the care-of keygen token for it. */
    CareOfTest careOfTest(CareOfTestInit init, Ipv6Address careOfAddress) {
        Nonce n = nonces.current();
        return new CareOfTest(n.index(), init.careOfInitCookie(), kcn.careOfKeygenToken(careOfAddress, n.value()));
    }

    NodeKey kcn() {
        return kcn;
    }

    NonceLifetimes nonces() {
        return nonces;
    }
}
