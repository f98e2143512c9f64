package mobility.api.binding;

/**
 * The two kinds of binding RFC 6275 has, told apart by the Home Registration (H) flag of the Binding Update that
 * made them (§6.1.7): a home registration at a home agent (§10.3.1), and a correspondent binding made after return
 * routability (§9.5.1, §5.2.6).
 */
public enum BindingKind {
    /** At a home agent: H set; the home agent tunnels to the care-of address and defends the home address. */
    HOME_REGISTRATION("home"),
    /** At a correspondent node: H clear, authorized by Kbm; route optimisation (§6.3, §6.4) uses it. */
    CORRESPONDENT("correspondent");

    private final String label;

    BindingKind(String label) {
        this.label = label;
    }

    /** The kind of a binding or Binding Update List entry with these {@link Binding} flags. */
    public static BindingKind of(int flags) {
        return (flags & Binding.HOME_REGISTRATION) != 0 ? HOME_REGISTRATION : CORRESPONDENT;
    }

    /** {@code home} or {@code correspondent}, as {@code mip:bc}, {@code mip:bul} and events show it. */
    public String label() {
        return label;
    }
}
