package mobility.tunnel;

import java.util.Map;

import mobility.api.tunnel.TunnelProvider;

/** A provider with its counters, closed with the component that runs it. */
interface CountedProvider extends TunnelProvider, AutoCloseable {

    Map<String, Long> counters();

    @Override
    void close();
}
