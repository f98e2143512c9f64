package mobility.api.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** XFRM policies (the security policy database). */
@ProviderType
public interface XfrmPolicies {

    /** Adds a policy; EEXIST when one with the same selector and direction is there. */
    void add(XfrmPolicy policy);

    /** Adds the policy or replaces the one with the same selector and direction. */
    void update(XfrmPolicy policy);

    /** Removes the policy with the policy's selector and direction. */
    void remove(XfrmPolicy policy);

    List<XfrmPolicy> list();
}
