package io.customerhub.jobs.review;

import static org.apache.spark.sql.functions.col;

import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.StewardDecisions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The text a steward reads for one item: the records side by side (source values, then the
 * normalised values the comparisons used), the explanation and the decisions so far. Values are
 * read from {@code records} now; the queue itself holds keys only.
 */
public final class ReviewView {

    private static final int CELL = 34;
    /** Normalised columns shown for cluster members, one line each. */
    private static final List<String> MEMBER_COLUMNS = List.of("std_given_name", "std_family_name", "std_date_of_birth", "std_email",
            "std_phone", "std_postcode", "std_city");

    private ReviewView() {
    }

    public static String render(SparkSession spark, HubTables tables, ReviewItem item, List<String> changes,
                                List<StewardDecisions.Stored> decisions) {
        Map<String, Row> records = new HashMap<>();
        for (Row row : spark.read().format("delta").load(tables.records()).where(col("record_key").isin(item.recordKeys().toArray()))
                .collectAsList()) {
            records.put(row.getAs("record_key"), row);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "review item %s: %s, %s, priority %.3f, queued in run %s%n", item.itemId(), item.kind(),
                item.status(), item.priority(), item.runId()));
        sb.append("  reasons: ").append(String.join(", ", item.reasons())).append('\n');
        if (!changes.isEmpty()) {
            sb.append("  STALE: records changed since queued (").append(String.join("; ", changes))
                    .append("); `hub review build` refreshes it, a decision is refused until then\n");
        }
        if (item.isPair()) {
            pair(sb, item, records);
        } else {
            cluster(sb, item, records);
        }
        sb.append(decisions.isEmpty() ? "decisions: none\n" : "decisions:\n");
        for (StewardDecisions.Stored d : decisions) {
            sb.append(String.format(Locale.ROOT, "  %s %s by %s at %s: %s%s%n", d.decisionId(), d.action(), d.steward(), d.decidedAt(),
                    d.reason() == null ? "" : d.reason(),
                    d.undoneAt() == null ? " (active)" : " (undone at " + d.undoneAt() + " by " + d.undoneBy() + ")"));
        }
        return sb.toString();
    }

    private static void pair(StringBuilder sb, ReviewItem item, Map<String, Row> records) {
        sb.append(String.format(Locale.ROOT, "  probability %.4f, model %s%n%n", item.probability(), item.modelVersion()));
        Row left = records.get(item.leftKey());
        Row right = records.get(item.rightKey());
        sb.append(line("field", item.leftKey(), item.rightKey(), ""));
        sb.append("source values\n");
        for (String column : RecordsTable.canonicalColumns()) {
            String l = value(left, column);
            String r = value(right, column);
            if (l != null || r != null) {
                sb.append(line("  " + column, l, r, ""));
            }
        }
        sb.append("normalised values (what the comparisons read)\n");
        List<String> normalised = new ArrayList<>(RecordsTable.STD_COLUMNS);
        normalised.add("customer_numbers");
        for (String column : normalised) {
            String l = value(left, column);
            String r = value(right, column);
            if (l != null || r != null) {
                sb.append(line("  " + column, l, r, l == null || r == null ? "" : Objects.equals(l, r) ? "=" : "!="));
            }
        }
        sb.append('\n');
        if (item.explanation() == null) {
            sb.append("no waterfall: model ").append(item.modelVersion()).append(" is not in the models table (scored from a settings file)\n");
        } else {
            sb.append(Explanations.waterfall(item.explanation()).render());
        }
    }

    private static void cluster(StringBuilder sb, ReviewItem item, Map<String, Row> records) {
        sb.append(String.format(Locale.ROOT, "  golden id %s, %d records%n", item.goldenId(), item.clusterSize()));
        Explanations.clusterSignals(item.explanation()).forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        sb.append('\n');
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s", "record"));
        for (String column : MEMBER_COLUMNS) {
            header.append(String.format(Locale.ROOT, " %-18s", column.substring(4)));
        }
        sb.append(header).append(" customer_numbers\n");
        for (String key : item.recordKeys()) {
            Row row = records.get(key);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", cut(key, 24)));
            for (String column : MEMBER_COLUMNS) {
                line.append(String.format(Locale.ROOT, " %-18s", cut(Objects.toString(value(row, column), ""), 18)));
            }
            sb.append(line).append(' ').append(Objects.toString(value(row, "customer_numbers"), "")).append('\n');
        }
    }

    private static String line(String field, String left, String right, String mark) {
        return String.format(Locale.ROOT, "%-26s %-" + CELL + "s %-" + CELL + "s %s%n", field, cut(Objects.toString(left, ""), CELL),
                cut(Objects.toString(right, ""), CELL), mark).stripTrailing() + "\n";
    }

    /** A column's value as text, lists space-separated; null when the record or the value is absent (a retired or missing record shows blanks). */
    public static String value(Row row, String column) {
        if (row == null || !row.schema().getFieldIndex(column).isDefined() || row.isNullAt(row.fieldIndex(column))) {
            return null;
        }
        Object v = row.get(row.fieldIndex(column));
        if (v instanceof scala.collection.Seq<?> seq) {
            List<String> items = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(x -> items.add(String.valueOf(x)));
            return items.isEmpty() ? null : String.join(" ", items);
        }
        return String.valueOf(v);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
