package mobility.netlink.xfrm;

/** Constants and struct layouts of linux/xfrm.h (x86_64: u64 members align structs to 8). */
final class Xfrm {

    static final int AF_INET6 = 10;

    static final int XFRM_MSG_NEWSA = 0x10;
    static final int XFRM_MSG_DELSA = 0x11;
    static final int XFRM_MSG_GETSA = 0x12;
    static final int XFRM_MSG_NEWPOLICY = 0x13;
    static final int XFRM_MSG_DELPOLICY = 0x14;
    static final int XFRM_MSG_GETPOLICY = 0x15;
    static final int XFRM_MSG_UPDPOLICY = 0x19;
    static final int XFRM_MSG_UPDSA = 0x1a;

    static final int XFRMA_ALG_CRYPT = 2;
    static final int XFRMA_TMPL = 5;
    static final int XFRMA_SRCADDR = 13;
    static final int XFRMA_COADDR = 14;
    static final int XFRMA_ALG_AEAD = 18;
    static final int XFRMA_ALG_AUTH_TRUNC = 20;

    /** No limit, for the byte and packet limits of struct xfrm_lifetime_cfg. */
    static final long XFRM_INF = -1L;
    /** struct xfrm_usersa_info flags: accept by wildcard address on input (xfrm6_input_addr). */
    static final int XFRM_STATE_WILDRECV = 8;

    /** struct xfrm_selector: daddr, saddr, ports and masks, family, prefix lengths, proto, ifindex, user. */
    static final int SELECTOR_LENGTH = 56;
    /** struct xfrm_lifetime_cur: four u64. */
    static final int LIFETIME_CUR_LENGTH = 32;
    /** struct xfrm_usersa_info. */
    static final int USERSA_INFO_LENGTH = 224;
    static final int USERSA_ID_OFFSET = 56;
    static final int USERSA_SADDR_OFFSET = 80;
    static final int USERSA_REQID_OFFSET = 208;
    static final int USERSA_FAMILY_OFFSET = 212;
    static final int USERSA_MODE_OFFSET = 214;
    /** struct xfrm_userpolicy_info. */
    static final int USERPOLICY_INFO_LENGTH = 168;
    static final int USERPOLICY_PRIORITY_OFFSET = 152;
    /** struct xfrm_user_tmpl. */
    static final int USER_TMPL_LENGTH = 64;
    /** The name field of struct xfrm_algo, xfrm_algo_auth and xfrm_algo_aead. */
    static final int ALGORITHM_NAME_LENGTH = 64;

    private Xfrm() {
    }
}
