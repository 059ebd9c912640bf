package io.customerhub.jobs.steward;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.HubException;
import io.customerhub.jobs.review.ReviewDesk;
import io.customerhub.jobs.review.ReviewItem;
import io.customerhub.jobs.review.ReviewItems;
import io.customerhub.jobs.review.ReviewQueue;
import io.customerhub.jobs.review.ReviewView;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the console reads from and writes to the hub's tables, as plain values for the pages.
 * Decisions go through {@link ReviewDesk}, the same path as `hub review decide`.
 */
final class ConsoleData {

    static final int SEARCH_LIMIT = 50;
    /** Bounds on a search, so a pasted text cannot build a predicate too deep for Spark (a StackOverflowError). */
    static final int SEARCH_MAX_WORDS = 10;
    static final int SEARCH_MAX_LENGTH = 200;
    static final int QUEUE_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One source record: its values as the source sent them and as the comparisons read them. */
    record RecordView(String key, String sourceSystem, String sourceId, Map<String, String> sourceValues,
                      Map<String, String> normalisedValues, String goldenId, boolean retired, String lastChangedRun) {
        String value(String column) {
            return sourceValues.containsKey(column) ? sourceValues.get(column) : normalisedValues.get(column);
        }

        String displayName() {
            String given = sourceValues.getOrDefault("given_name", "");
            String family = sourceValues.getOrDefault("family_name", "");
            String name = (given + " " + family).strip();
            return name.isEmpty() ? sourceValues.getOrDefault("full_name", "") : name;
        }
    }

    /** A cluster as it is now: its golden id and member records. */
    record ClusterView(String goldenId, List<RecordView> members) {
    }

    /** A golden record: its fields as text, its sources and how it came to be. */
    record GoldenView(String goldenId, String requestedId, Map<String, String> fields, List<RecordView> sources,
                      List<Map<String, String>> idEvents, List<Map<String, String>> changes) {
    }

    private final SparkSession spark;
    private final HubTables tables;
    private final ReviewDesk desk;

    ConsoleData(SparkSession spark, HubTables tables) {
        this.spark = spark;
        this.tables = tables;
        this.desk = new ReviewDesk(spark, tables);
    }

    HubTables tables() {
        return tables;
    }

    boolean hasQueue() {
        return ReviewQueue.exists(spark, tables);
    }

    /** Queue items, filtered; sort is "priority" (default), "probability" or "run". */
    List<ReviewItem> queue(String kind, String status, String sort, int offset) {
        Dataset<Row> queue = ReviewQueue.read(spark, tables);
        if (kind != null) {
            queue = queue.where(col("kind").equalTo(lit(kind)));
        }
        if (status != null) {
            queue = queue.where(col("status").equalTo(lit(status)));
        }
        Column order = switch (sort) {
            case "probability" -> col("probability").asc_nulls_last();
            case "run" -> col("run_id").desc();
            default -> col("priority").desc();
        };
        return queue.orderBy(order, col("item_id")).limit(offset + QUEUE_PAGE).collectAsList().stream().skip(offset)
                .map(ReviewItem::fromRow).toList();
    }

    /** Item counts by status, for the header. */
    Map<String, Long> queueCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : ReviewQueue.read(spark, tables).groupBy("status").count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    ReviewItem item(String itemId) {
        return ReviewQueue.item(spark, tables, itemId);
    }

    /** The highest-priority open item other than this one, to go on with after a decision. */
    Optional<String> nextOpen(String afterItemId) {
        return ReviewQueue.read(spark, tables).where(col("status").equalTo(lit(ReviewItems.OPEN)).and(col("item_id").notEqual(lit(afterItemId))))
                .orderBy(col("priority").desc(), col("item_id")).select("item_id").limit(1).collectAsList().stream()
                .map(r -> r.getString(0)).findFirst();
    }

    List<String> changes(ReviewItem item) {
        return desk.changes(item);
    }

    List<StewardDecisions.Stored> decisions(String itemId) {
        return desk.history(itemId);
    }

    StewardDecisions.Recorded decide(String itemId, ReviewDesk.Answer answer, String record, String steward, String reason) {
        return desk.decide(itemId, answer, record, steward, reason);
    }

    StewardDecisions.Stored undo(String decisionId, String steward) {
        return desk.undo(decisionId, steward);
    }

    /** The records of these keys, with their golden ids now (absent keys are left out). */
    Map<String, RecordView> records(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return toViews(recordsWithGoldenId().where(col("record_key").isin(keys.toArray())));
    }

    /** The clusters holding these golden ids now, members sorted by key. */
    List<ClusterView> clusters(Collection<String> goldenIds) {
        List<String> ids = goldenIds.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        if (ids.isEmpty() || !exists(tables.xref())) {
            return List.of();
        }
        Map<String, RecordView> members = toViews(recordsWithGoldenId().where(col("golden_id").isin(ids.toArray())));
        List<ClusterView> clusters = new ArrayList<>();
        for (String id : ids) {
            clusters.add(new ClusterView(id, members.values().stream().filter(r -> id.equals(r.goldenId())).toList()));
        }
        return clusters;
    }

    /**
     * Records matching the query: a golden id, a record (SOURCE:ID), a source id, an e-mail, a phone
     * (digits), or words that each appear in a name, postcode or city. At most {@link #SEARCH_LIMIT}
     * results, for at most {@link #SEARCH_MAX_WORDS} words and {@link #SEARCH_MAX_LENGTH} characters.
     */
    List<RecordView> search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() < 2) {
            throw HubException.of("the search is too short", "a search needs at least 2 characters", "type a name, an e-mail, a phone, a golden id or SOURCE:ID");
        }
        String lowered = q.toLowerCase(Locale.ROOT);
        List<String> words = Arrays.stream(lowered.split("\\s+")).distinct().toList();
        if (q.length() > SEARCH_MAX_LENGTH || words.size() > SEARCH_MAX_WORDS) {
            throw HubException.of("the search is too long (" + words.size() + " words, " + q.length() + " characters)",
                    "a search takes at most " + SEARCH_MAX_WORDS + " words and " + SEARCH_MAX_LENGTH + " characters",
                    "type a few words of the name, postcode or city, or one e-mail, phone, golden id or SOURCE:ID");
        }
        Dataset<Row> records = recordsWithGoldenId();
        Column exact = col("golden_id").equalTo(lit(q)).or(col("source_id").equalTo(lit(q))).or(lower(col("std_email")).equalTo(lit(lowered)))
                .or(lower(col("email")).equalTo(lit(lowered)));
        if (q.matches("[a-z][a-z0-9_]*[:/].+")) {
            exact = exact.or(col("record_key").equalTo(lit(ReviewDesk.recordKey(q))));
        }
        String digits = q.replaceAll("[^0-9]", "");
        if (digits.length() >= 6 && digits.length() * 2 >= q.replaceAll("\\s", "").length()) {
            exact = exact.or(col("std_phone").endsWith(lit(digits))).or(col("std_mobile_phone").endsWith(lit(digits)));
        }
        // Words never hold a space, so one space-joined text matches a word inside one of the columns only.
        Column searched = lower(concat_ws(" ", col("given_name"), col("family_name"), col("full_name"), col("postcode"), col("city")));
        Column allWords = lit(true);
        for (String word : words) {
            allWords = allWords.and(searched.contains(lit(word)));
        }
        return new ArrayList<>(toViews(records.where(exact.or(allWords)).orderBy(col("golden_id"), col("record_key")).limit(SEARCH_LIMIT)).values());
    }

    /** The golden record of an id, following retired ids to their successor; empty when unknown. */
    Optional<GoldenView> golden(String requestedId) {
        if (!exists(tables.golden())) {
            return Optional.empty();
        }
        String id = requestedId;
        List<Row> rows = List.of();
        for (int hop = 0; hop < 20; hop++) {
            rows = spark.read().format("delta").load(tables.golden()).where(col("golden_id").equalTo(lit(id))).collectAsList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Row row = rows.get(0);
            String successor = row.getAs("successor_golden_id");
            if (successor == null || successor.equals(id)) {
                break;
            }
            id = successor;
        }
        Row row = rows.get(0);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode json = JSON.readTree(row.json());
            json.fields().forEachRemaining(e -> {
                String text = text(e.getValue());
                if (!text.isEmpty() && !List.of("golden_id", "content_hash").contains(e.getKey())) {
                    fields.put(e.getKey(), text);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("a golden row is always writable as JSON", e);
        }
        String finalId = id;
        List<RecordView> sources = List.copyOf(toViews(recordsWithGoldenId().where(col("golden_id").equalTo(lit(finalId)))).values());
        return Optional.of(new GoldenView(finalId, requestedId, fields, sources, idEvents(finalId, requestedId), changes(finalId)));
    }

    private List<Map<String, String>> idEvents(String id, String requestedId) {
        if (!exists(tables.goldenIdHistory())) {
            return List.of();
        }
        List<Map<String, String>> events = new ArrayList<>();
        Column about = col("golden_id").isin(id, requestedId).or(col("related_id").isin(id, requestedId));
        for (Row r : spark.read().format("delta").load(tables.goldenIdHistory()).where(about).orderBy(col("at"), col("golden_id")).collectAsList()) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("run", r.getAs("run_id"));
            e.put("at", String.valueOf(r.<Object>getAs("at")));
            e.put("golden id", r.getAs("golden_id"));
            e.put("event", r.getAs("event"));
            e.put("related id", r.getAs("related_id"));
            events.add(e);
        }
        return events;
    }

    /** The golden row's versions from the table's change feed: when it was inserted, updated, deleted. */
    private List<Map<String, String>> changes(String id) {
        List<Map<String, String>> changes = new ArrayList<>();
        try {
            for (Row r : spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 0).load(tables.golden())
                    .where(col("golden_id").equalTo(lit(id)).and(col("_change_type").notEqual(lit("update_preimage"))))
                    .select("_commit_version", "_commit_timestamp", "_change_type", "last_changed_run", "record_count")
                    .orderBy(col("_commit_version")).collectAsList()) {
                Map<String, String> c = new LinkedHashMap<>();
                c.put("table version", String.valueOf(r.getLong(0)));
                c.put("at", String.valueOf(r.get(1)));
                c.put("change", r.getString(2).replace("update_postimage", "update"));
                c.put("run", r.getString(3));
                c.put("records", String.valueOf(r.get(4)));
                changes.add(c);
            }
        } catch (RuntimeException e) {
            // Vacuumed change files or a table written before CDF was on: the history is partial, the page still shows.
            changes.add(Map.of("change", "history unavailable: the table's change feed cannot be read back to its first version"));
        }
        return changes;
    }

    private Dataset<Row> recordsWithGoldenId() {
        Dataset<Row> records = spark.read().format("delta").load(tables.records());
        if (!exists(tables.xref())) {
            return records.withColumn("golden_id", lit(null).cast("string"));
        }
        Dataset<Row> xref = spark.read().format("delta").load(tables.xref()).select("record_key", "golden_id");
        return records.join(xref, records.col("record_key").equalTo(xref.col("record_key")), "left").drop(xref.col("record_key"));
    }

    private static Map<String, RecordView> toViews(Dataset<Row> rows) {
        Map<String, RecordView> views = new LinkedHashMap<>();
        List<String> canonical = RecordsTable.canonicalColumns();
        List<String> normalised = new ArrayList<>(RecordsTable.STD_COLUMNS);
        normalised.add("customer_numbers");
        for (Row row : rows.collectAsList()) {
            Map<String, String> source = new LinkedHashMap<>();
            canonical.forEach(c -> source.put(c, ReviewView.value(row, c)));
            Map<String, String> std = new LinkedHashMap<>();
            normalised.forEach(c -> std.put(c, ReviewView.value(row, c)));
            String key = row.getAs("record_key");
            views.put(key, new RecordView(key, row.getAs("source_system"), row.getAs("source_id"), source, std, row.getAs("golden_id"),
                    Boolean.TRUE.equals(row.getAs("retired")), row.getAs("last_changed_run")));
        }
        return views;
    }

    /** A golden column as text: lists one entry per line, "value (sources, when)" for entries with provenance. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            List<String> lines = new ArrayList<>();
            node.forEach(n -> {
                String t = text(n);
                if (!t.isEmpty()) {
                    lines.add(t);
                }
            });
            return String.join("\n", lines);
        }
        if (node.isObject()) {
            List<String> main = new ArrayList<>();
            List<String> provenance = new ArrayList<>();
            node.fields().forEachRemaining(e -> {
                String t = text(e.getValue());
                if (t.isEmpty()) {
                    return;
                }
                boolean about = List.of("source_system", "source_id", "sources", "updated_at", "expressed_at").contains(e.getKey());
                if (about) {
                    provenance.add(e.getKey().equals("source_system") || e.getKey().equals("sources") ? t.replace("\n", ", ") : e.getKey() + " " + t);
                } else {
                    main.add(e.getKey().equals("value") ? t : e.getKey() + ": " + t);
                }
            });
            return String.join(", ", main) + (provenance.isEmpty() ? "" : " (" + String.join("; ", provenance) + ")");
        }
        return node.asText();
    }

    private boolean exists(String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }
}
