package dev.fakecluster.junit;

import dev.fakecluster.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Events as a {@code kubectl events}-style table, with the time of each event's last occurrence. */
final class EventTable {

    private EventTable() {
    }

    /** The table, in the order given, with a NAMESPACE column first when asked. */
    static String render(List<Resource> events, boolean withNamespace) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(withNamespace ? List.of("NAMESPACE", "TIME", "TYPE", "REASON", "OBJECT", "MESSAGE")
                : List.of("TIME", "TYPE", "REASON", "OBJECT", "MESSAGE"));
        for (Resource e : events) {
            List<String> row = new ArrayList<>();
            if (withNamespace) {
                row.add(e.namespace());
            }
            int count = Integer.parseInt(e.field("count").orElse("1"));
            row.add(e.field("lastTimestamp").orElse(""));
            row.add(e.field("type").orElse(""));
            row.add(e.field("reason").orElse(""));
            row.add(e.field("involvedObject.kind").orElse("").toLowerCase(Locale.ROOT) + "/"
                    + e.field("involvedObject.name").orElse(""));
            row.add(e.field("message").orElse("") + (count > 1 ? " (x" + count + ")" : ""));
            rows.add(row);
        }
        return TextTable.align(rows);
    }
}
