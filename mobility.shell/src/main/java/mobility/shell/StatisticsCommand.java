package mobility.shell;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mip:stats}: every counter of every role and mechanism, by owner (the figures of mip6d's vt stats). */
@Component(service = StatisticsCommand.class)
@GogoCommand(scope = "mip", function = {"stats"})
public class StatisticsCommand {

    private final OperatorView view;

    @Activate
    public StatisticsCommand(@Reference OperatorView view) {
        this.view = view;
    }

    @Descriptor("show the counters: messages sent and received per type, acknowledgements by status, drops by "
            + "reason, encapsulations and decapsulations, by owner")
    public String stats(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        Map<String, Map<String, Long>> byScope = view.statistics();
        return json ? Json.write(byScope) : Text.statistics(byScope);
    }
}
