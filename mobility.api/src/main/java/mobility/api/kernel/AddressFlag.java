package mobility.api.kernel;

/** Flags of an IPv6 interface address (IFA_F_* of if_addr.h). */
public enum AddressFlag {
    /** No duplicate address detection (IFA_F_NODAD). */
    NODAD(0x02),
    /** Usable while DAD runs (IFA_F_OPTIMISTIC, RFC 4429). */
    OPTIMISTIC(0x04),
    /** DAD found a duplicate (IFA_F_DADFAILED). Reported, not requested. */
    DADFAILED(0x08),
    /** A Mobile IPv6 home address (IFA_F_HOMEADDRESS, RFC 6275 §11.5.1). */
    HOME_ADDRESS(0x10),
    /** Preferred lifetime over (IFA_F_DEPRECATED). Reported, not requested. */
    DEPRECATED(0x20),
    /** DAD has not finished (IFA_F_TENTATIVE). Reported, not requested. */
    TENTATIVE(0x40),
    /** No lifetime (IFA_F_PERMANENT). Reported, not requested. */
    PERMANENT(0x80),
    /** The kernel adds no prefix route for this address (IFA_F_NOPREFIXROUTE). */
    NOPREFIXROUTE(0x200);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    /** The IFA_F_* bit. */
    public int bit() {
        return bit;
    }
}
