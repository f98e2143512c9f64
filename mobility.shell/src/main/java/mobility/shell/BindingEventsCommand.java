package mobility.shell;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import mobility.api.binding.BindingEvents;

/**
 * {@code mip:events}: the last binding events the home agent posted through EventAdmin (added, updated, removed,
 * expired), as any gateway component would receive them: this command subscribes like one.
 */
@Component(service = {EventHandler.class, BindingEventsCommand.class},
        property = EventConstants.EVENT_TOPIC + "=" + BindingEvents.ALL)
@GogoCommand(scope = "mip", function = {"events"})
public class BindingEventsCommand implements EventHandler {

    /** Events kept, oldest dropped first. */
    static final int KEPT = 1000;

    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();
    private long received;

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", Instant.now().toString());
        row.put("event", event.getTopic().substring(BindingEvents.TOPIC_PREFIX.length()));
        for (String key : List.of(BindingEvents.HOME_ADDRESS, BindingEvents.CARE_OF_ADDRESS, BindingEvents.LIFETIME,
                BindingEvents.SEQUENCE, BindingEvents.FLAGS)) {
            row.put(key.replace('.', '_'), event.getProperty(key));
        }
        synchronized (recent) {
            received++;
            recent.addLast(row);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
        }
    }

    @Descriptor("show the last binding events (topics " + BindingEvents.ALL + "), oldest first")
    public String events(
            @Descriptor("print one JSON document instead of text")
            @Parameter(names = {"-j", "--json"}, absentValue = "false", presentValue = "true") boolean json) {
        List<Map<String, Object>> rows;
        long total;
        synchronized (recent) {
            rows = new ArrayList<>(recent);
            total = received;
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("received", total);
            doc.put("events", rows);
            return Json.write(doc);
        }
        StringBuilder out = new StringBuilder("Binding events: " + total + " received, last " + rows.size() + "\n");
        for (Map<String, Object> r : rows) {
            out.append(String.format("%s %-8s %s via %s lifetime %s seq %s flags %s%n", r.get("time"), r.get("event"),
                    r.get("home_address"), r.get("careof_address"), r.get("lifetime"), r.get("sequence"),
                    r.get("flags")));
        }
        return out.toString();
    }
}
