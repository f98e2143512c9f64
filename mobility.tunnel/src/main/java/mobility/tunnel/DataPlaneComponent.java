package mobility.tunnel;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import mobility.api.tunnel.DataPlane;
import mobility.api.tunnel.Tunnel;
import mobility.api.tunnel.TunnelChange;
import mobility.api.tunnel.TunnelException;
import mobility.api.tunnel.TunnelProvider;
import mobility.api.tunnel.TunnelSpec;

/** The {@link DataPlane} service over every {@link TunnelProvider} registered, configured by PID mobility.tunnel. */
@Component(service = DataPlane.class, immediate = true, configurationPid = TunnelConfiguration.PID)
@Designate(ocd = TunnelConfiguration.class)
public class DataPlaneComponent implements DataPlane {

    private final TunnelSwitch tunnels = new TunnelSwitch();

    @Activate
    public DataPlaneComponent(TunnelConfiguration config) throws TunnelException {
        tunnels.configure(config.provider());
    }

    @Modified
    void modified(TunnelConfiguration config) throws TunnelException {
        tunnels.configure(config.provider());
    }

    @Deactivate
    void deactivate() {
        tunnels.closeAll();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(TunnelProvider provider) {
        tunnels.addProvider(provider);
    }

    void removeProvider(TunnelProvider provider) {
        tunnels.removeProvider(provider);
    }

    @Override
    public Tunnel open(TunnelSpec spec) throws TunnelException {
        return tunnels.open(spec);
    }

    @Override
    public List<TunnelChange.Outcome> apply(List<TunnelChange> changes) {
        return tunnels.apply(changes);
    }

    @Override
    public String provider() {
        return tunnels.provider();
    }

    @Override
    public void switchTo(String providerName) throws TunnelException {
        tunnels.switchTo(providerName);
    }

    @Override
    public List<Tunnel> tunnels() {
        return tunnels.tunnels();
    }

    @Override
    public Map<String, Object> describe() {
        return tunnels.describe();
    }
}
