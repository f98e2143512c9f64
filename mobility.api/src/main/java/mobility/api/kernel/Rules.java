package mobility.api.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** IPv6 policy routing rules. */
@ProviderType
public interface Rules {

    void add(Rule rule);

    /** Removes the rule with the same priority, selectors and action. */
    void remove(Rule rule);

    List<Rule> list();
}
