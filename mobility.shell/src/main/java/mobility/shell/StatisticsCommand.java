package mobility.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import mobility.api.stats.MobilityStatistics;

/** {@code mip:stats}: every counter of every role and mechanism, by owner (the figures of mip6d's vt stats). */
@Component(service = StatisticsCommand.class)
@GogoCommand(scope = "mip", function = {"stats"})
public class StatisticsCommand {

    private final List<MobilityStatistics> sources = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(MobilityStatistics s) {
        sources.add(s);
    }

    void removeSource(MobilityStatistics s) {
        sources.remove(s);
    }

    @Descriptor("show the counters: messages sent and received per type, acknowledgements by status, drops by "
            + "reason, encapsulations and decapsulations, by owner")
    public String stats(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        Map<String, Map<String, Long>> byScope = new TreeMap<>();
        for (MobilityStatistics s : sources) {
            byScope.merge(s.scope(), new TreeMap<>(s.counters()), (a, b) -> {
                b.forEach((k, v) -> a.merge(k, v, Long::sum));
                return a;
            });
        }
        return json ? Json.write(byScope) : Text.statistics(byScope);
    }
}
