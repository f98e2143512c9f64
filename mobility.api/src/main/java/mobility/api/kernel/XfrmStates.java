package mobility.api.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * XFRM states. States of a protocol this kernel lacks (ESP without esp6, route optimisation without MIP6) fail with
 * {@link KernelFeatureMissingException}.
 */
@ProviderType
public interface XfrmStates {

    void add(XfrmState state);

    /** Adds the state or replaces the one with the same destination, protocol and SPI. */
    void update(XfrmState state);

    /** Removes the state identified by destination, protocol and SPI (and source for route optimisation). */
    void remove(XfrmState state);

    List<XfrmState> list();
}
