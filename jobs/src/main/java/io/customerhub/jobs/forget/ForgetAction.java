package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * GDPR erasure: removes a person (all records of a golden id, or single source records) from every
 * hub table with Delta DELETE, records the erasure without personal data in {@code erasures} and
 * the counts in {@code runs}, and optionally vacuums the touched tables so older versions no longer
 * hold the rows.
 *
 * <p>Tables of unknown layout (golden, review_queue) are matched by column names: {@code *_key}
 * columns hold record keys, {@code *source_system}/{@code *source_id} pairs name source records,
 * {@code *golden_id} columns golden ids ({@code *_keys}/{@code *golden_ids} arrays likewise).
 */
public final class ForgetAction {

    private static final Pattern REASON_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");
    private static final String PURGE_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

    /** Who to forget and how. */
    public record Options(HubTables tables, String runId, List<String> goldenIds, List<SourceKey> records, String reasonCode,
                          boolean vacuum) {
        public Options {
            goldenIds = List.copyOf(goldenIds);
            records = List.copyOf(records);
            if (goldenIds.isEmpty() && records.isEmpty()) {
                throw HubException.of("nobody to forget", "no --golden-id, --source-id or --ids-file was given",
                        "name the person by --golden-id X or --source S --source-id I");
            }
            if (reasonCode == null || !REASON_CODE.matcher(reasonCode).matches()) {
                throw HubException.of("--reason must be a short code", "the erasures table keeps it and must hold no personal data",
                        "use letters, digits and . _ : - only, e.g. gdpr-art17-ticket-4711");
            }
        }
    }

    private final SparkSession spark;
    private final Options options;
    private final HubTables tables;
    private final Map<String, Long> deleted = new TreeMap<>();
    private final Map<String, Long> versions = new TreeMap<>();
    private final Map<String, String> touchedPaths = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();

    public ForgetAction(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
        this.tables = options.tables();
    }

    public ForgetResult execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("forget", "erasure for run " + options.runId(), false);
        try {
            String key = ErasureKey.load(tables, spark.sparkContext().hadoopConfiguration(), true);
            Targets targets = resolve();
            Set<SourceKey> suppressed = new TreeSet<>(targets.records());
            suppressed.addAll(quarantinedRecordsOf(targets));

            for (String source : bronzeSources()) {
                deleteWhere("bronze/" + source, tables.bronze(source), schema -> keyCondition(schema, targets.records(), Set.of()));
            }
            deleteWhere("quarantine", tables.quarantine(), schema -> quarantineCondition(schema, targets, suppressed));
            deleteWhere("records", tables.records(), schema -> keyCondition(schema, targets.records(), Set.of()));
            deleteWhere("pairs", tables.pairs(), schema -> keyCondition(schema, targets.records(), Set.of()));
            deleteWhere("xref", tables.xref(), schema -> keyCondition(schema, targets.records(), targets.erasedGoldenIds()));
            deleteWhere("retired_xref", tables.retiredXref(), schema -> keyCondition(schema, targets.records(), targets.erasedGoldenIds()));
            deleteWhere("golden", tables.table("golden"), schema -> or(keyCondition(schema, targets.records(), targets.erasedGoldenIds()),
                    isIn(schema, "golden_id", targets.staleGoldenIds())));
            forgetHistory(targets.erasedGoldenIds());
            deleteWhere("steward_decisions", tables.stewardDecisions(), schema -> keyCondition(schema, targets.records(), Set.of()));
            deleteWhere("review_queue", tables.table("review_queue"),
                    schema -> keyCondition(schema, targets.records(), targets.erasedGoldenIds()));

            String erasureId = UUID.randomUUID().toString();
            List<String> hashes = suppressed.stream().map(r -> ErasureKey.hash(key, r)).sorted().toList();
            ForgetResult result = new ForgetResult(erasureId, options.reasonCode(), targets.records().size(), targets.erasedGoldenIds().size(),
                    targets.staleGoldenIds().size(), deleted, versions, hashes, List.copyOf(touchedPaths.keySet()), skipped, false);
            ErasuresTable.append(spark, tables, result, options.runId(), Timestamp.from(started));
            RunsTable.upsert(spark, tables, runRecord(result, started));
            if (options.vacuum()) {
                vacuum();
                ErasuresTable.markVacuumed(spark, tables, erasureId);
                result = new ForgetResult(erasureId, result.reasonCode(), result.recordsErased(), result.goldenIdsErased(),
                        result.goldenRowsToRebuild(), deleted, versions, hashes, result.toVacuum(), skipped, true);
            }
            return result;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The records and golden ids an erasure removes, worked out before anything is deleted. */
    record Targets(Set<SourceKey> records, Set<String> erasedGoldenIds, Set<String> staleGoldenIds, Set<String> emails) {
    }

    private Targets resolve() {
        Set<SourceKey> records = new TreeSet<>(options.records());
        Set<String> touched = new TreeSet<>();
        Set<String> erased = new TreeSet<>();
        Set<String> stale = new TreeSet<>();
        Optional<Dataset<Row>> xref = read(tables.xref());
        if (xref.isPresent()) {
            Set<String> requestedKeys = new HashSet<>(records.stream().map(SourceKey::recordKey).toList());
            Column wanted = col("golden_id").isin(options.goldenIds().toArray());
            if (!requestedKeys.isEmpty()) {
                wanted = wanted.or(col("record_key").isin(requestedKeys.toArray()));
            }
            List<Row> rows = xref.get().where(wanted).select("source_system", "source_id", "golden_id").collectAsList();
            for (String goldenId : options.goldenIds()) {
                if (rows.stream().noneMatch(r -> goldenId.equals(r.getString(2)))) {
                    throw HubException.of("golden id " + goldenId + " has no current records", "it is unknown or was retired (merged into another id)",
                            "check `hub lookup --golden-id " + goldenId + "`: forget the live id it redirects to, or name the records by --source/--source-id");
                }
            }
            rows.forEach(r -> {
                records.add(new SourceKey(r.getString(0), r.getString(1)));
                touched.add(r.getString(2));
            });
            if (!touched.isEmpty()) {
                Set<String> erasedKeys = new HashSet<>(records.stream().map(SourceKey::recordKey).toList());
                List<Row> others = xref.get().where(col("golden_id").isin(touched.toArray()).and(col("record_key").isin(erasedKeys.toArray()).unary_$bang()))
                        .select("golden_id").distinct().collectAsList();
                others.forEach(r -> stale.add(r.getString(0)));
                touched.stream().filter(id -> !stale.contains(id)).forEach(erased::add);
            }
        } else if (!options.goldenIds().isEmpty()) {
            throw HubException.of("no xref table under " + tables.root(), "golden ids are assigned by `hub cluster`",
                    "name the records by --source/--source-id, or run the pipeline first");
        }
        erased.addAll(predecessors(erased));
        return new Targets(records, erased, stale, emailsOf(records));
    }

    /** Ids merged into an erased id (transitively): their golden rows and history belong to the same person. */
    private Set<String> predecessors(Set<String> ids) {
        Set<String> found = new TreeSet<>();
        Optional<Dataset<Row>> history = read(tables.goldenIdHistory());
        if (history.isEmpty() || ids.isEmpty()) {
            return found;
        }
        List<Row> merges = history.get().where(col("event").equalTo("MERGED_INTO")).select("golden_id", "related_id").collectAsList();
        Set<String> frontier = new TreeSet<>(ids);
        while (!frontier.isEmpty()) {
            Set<String> next = new TreeSet<>();
            for (Row m : merges) {
                if (frontier.contains(m.getString(1)) && !ids.contains(m.getString(0)) && found.add(m.getString(0))) {
                    next.add(m.getString(0));
                }
            }
            frontier = next;
        }
        return found;
    }

    /** The person's e-mail addresses: quarantined rows (raw text only, no parsed id) are found by them. */
    private Set<String> emailsOf(Set<SourceKey> records) {
        Set<String> emails = new TreeSet<>();
        Optional<Dataset<Row>> rows = read(tables.records());
        if (rows.isEmpty() || records.isEmpty()) {
            return emails;
        }
        for (Row r : rows.get().where(col("record_key").isin(records.stream().map(SourceKey::recordKey).toArray()))
                .select("email", "std_email").collectAsList()) {
            for (int i = 0; i < 2; i++) {
                if (!r.isNullAt(i) && r.getString(i).contains("@")) {
                    emails.add(r.getString(i).trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return emails;
    }

    /** Quarantined rows found by the person's e-mail that carry a readable id: suppressed at the next ingest too. */
    private Set<SourceKey> quarantinedRecordsOf(Targets targets) {
        Set<SourceKey> found = new TreeSet<>();
        Optional<Dataset<Row>> quarantine = read(tables.quarantine());
        if (quarantine.isEmpty() || targets.emails().isEmpty()) {
            return found;
        }
        for (Row r : quarantine.get().where(emailCondition(targets.emails()).and(col("source_id").isNotNull()))
                .select("source_system", "source_id").distinct().collectAsList()) {
            if (!r.getString(1).isBlank()) {
                found.add(new SourceKey(r.getString(0), r.getString(1)));
            }
        }
        return found;
    }

    /**
     * Quarantine keeps the raw text and, when readable, the parsed id. Conservative match: the
     * source's rows with the id, rows of the source without a parsed id whose raw text holds the id
     * as a whole token, and rows of any source whose raw text holds one of the person's e-mails.
     */
    private Optional<Column> quarantineCondition(StructType schema, Targets targets, Set<SourceKey> suppressed) {
        Optional<Column> byId = keyCondition(schema, suppressed, Set.of());
        Column byText = lit(false);
        for (SourceKey r : suppressed) {
            String token = "(^|[^A-Za-z0-9_])" + Pattern.quote(r.sourceId()) + "([^A-Za-z0-9_]|$)";
            byText = byText.or(col("source_system").equalTo(r.sourceSystem()).and(col("source_id").isNull())
                    .and(col("raw_text").rlike(token)));
        }
        if (!targets.emails().isEmpty()) {
            byText = byText.or(emailCondition(targets.emails()));
        }
        return or(byId, Optional.of(byText));
    }

    private static Column emailCondition(Set<String> emails) {
        Column any = lit(false);
        for (String email : emails) {
            any = any.or(lower(col("raw_text")).contains(email));
        }
        return any;
    }

    /** History rows of erased ids go; a split-off id that names an erased origin keeps its row with the origin blanked. */
    private void forgetHistory(Set<String> erasedIds) {
        String path = tables.goldenIdHistory();
        if (!DeltaTable.isDeltaTable(spark, path)) {
            skipped.add("golden_id_history");
            return;
        }
        if (erasedIds.isEmpty()) {
            deleted.put("golden_id_history", 0L);
            return;
        }
        Object[] ids = erasedIds.toArray();
        deleteWhere("golden_id_history", path, schema -> Optional.of(col("golden_id").isin(ids)));
        Column referencing = col("related_id").isin(ids).and(col("golden_id").isin(ids).unary_$bang());
        long blanked = spark.read().format("delta").load(path).where(referencing).count();
        if (blanked > 0) {
            DeltaTable table = DeltaTable.forPath(spark, path);
            table.update(referencing, Map.of("related_id", lit(null).cast("string")));
            deleted.put("golden_id_history.related_id_blanked", blanked);
            versions.put("golden_id_history", lastVersion(table));
            touchedPaths.put("golden_id_history", path);
        }
    }

    private void deleteWhere(String name, String path, java.util.function.Function<StructType, Optional<Column>> conditionOf) {
        Optional<Dataset<Row>> data = read(path);
        if (data.isEmpty()) {
            skipped.add(name);
            return;
        }
        Optional<Column> condition = conditionOf.apply(data.get().schema());
        long n = condition.isEmpty() ? 0 : data.get().where(condition.get()).count();
        deleted.put(name, n);
        if (n == 0) {
            return;
        }
        DeltaTable table = DeltaTable.forPath(spark, path);
        table.delete(condition.get());
        if ("true".equalsIgnoreCase(table.detail().select("properties").first().<String, String>getJavaMap(0)
                .getOrDefault("delta.enableDeletionVectors", "false"))) {
            // A deletion vector only hides the rows: rewrite the files so the data is physically gone.
            spark.sql("REORG TABLE delta.`" + path + "` APPLY (PURGE)");
        }
        versions.put(name, lastVersion(table));
        touchedPaths.put(name, path);
    }

    /**
     * A delete condition found by column names and types. Record keys ({@code *_key} columns,
     * {@code *_keys} arrays), source record pairs ({@code Xsource_system} with {@code Xsource_id}),
     * golden ids ({@code *golden_id}, {@code *golden_ids}).
     */
    static Optional<Column> keyCondition(StructType schema, Set<SourceKey> records, Set<String> goldenIds) {
        List<Column> parts = new ArrayList<>();
        Object[] keys = records.stream().map(SourceKey::recordKey).toArray();
        Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
        for (StructField field : schema.fields()) {
            String name = field.name();
            boolean text = field.dataType().equals(DataTypes.StringType);
            boolean texts = field.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType);
            if (keys.length > 0 && text && name.endsWith("_key")) {
                parts.add(col(name).isin(keys));
            }
            if (keys.length > 0 && texts && name.endsWith("_keys")) {
                parts.add(arrays_overlap(col(name), array(Arrays.stream(keys).map(k -> lit(k)).toArray(Column[]::new))));
            }
            if (!goldenIds.isEmpty() && text && name.endsWith("golden_id")) {
                parts.add(col(name).isin(goldenIds.toArray()));
            }
            if (!goldenIds.isEmpty() && texts && name.endsWith("golden_ids")) {
                parts.add(arrays_overlap(col(name), array(goldenIds.stream().map(k -> lit(k)).toArray(Column[]::new))));
            }
            if (text && name.endsWith("source_system")) {
                String idColumn = name.substring(0, name.length() - "source_system".length()) + "source_id";
                if (names.contains(idColumn)) {
                    for (SourceKey r : records) {
                        parts.add(col(name).equalTo(r.sourceSystem()).and(col(idColumn).equalTo(r.sourceId())));
                    }
                }
            }
        }
        return parts.stream().reduce(Column::or);
    }

    private static Optional<Column> isIn(StructType schema, String column, Set<String> values) {
        if (values.isEmpty() || !Arrays.asList(schema.fieldNames()).contains(column)) {
            return Optional.empty();
        }
        return Optional.of(col(column).isin(values.toArray()));
    }

    private static Optional<Column> or(Optional<Column> a, Optional<Column> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().or(b.get()));
    }

    /** VACUUM with zero retention: Delta refuses it unless its retention safety check is switched off for the call. */
    private void vacuum() {
        String before = spark.conf().get(PURGE_CHECK, "true");
        spark.conf().set(PURGE_CHECK, "false");
        try {
            for (String path : touchedPaths.values()) {
                DeltaTable.forPath(spark, path).vacuum(0);
            }
        } finally {
            spark.conf().set(PURGE_CHECK, before);
        }
    }

    private Optional<Dataset<Row>> read(String path) {
        return DeltaTable.isDeltaTable(spark, path) ? Optional.of(spark.read().format("delta").load(path)) : Optional.empty();
    }

    private static long lastVersion(DeltaTable table) {
        return table.history(1).select("version").first().getLong(0);
    }

    private List<String> bronzeSources() {
        Path bronzeRoot = new Path(tables.root(), "bronze");
        try {
            FileSystem fs = bronzeRoot.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(bronzeRoot)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(bronzeRoot)).filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName()).filter(n -> DeltaTable.isDeltaTable(spark, tables.bronze(n))).sorted().toList();
        } catch (IOException e) {
            throw HubException.of("cannot list bronze tables under " + tables.root(), e.getMessage(), "check --hub-root", e);
        }
    }

    private RunRecord runRecord(ForgetResult result, Instant started) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("records_erased", result.recordsErased());
        counts.put("golden_ids_erased", result.goldenIdsErased());
        counts.put("golden_rows_to_rebuild", result.goldenRowsToRebuild());
        result.deletedRows().forEach((table, n) -> counts.put("deleted." + table, n));
        return new RunRecord(options.runId(), "forget", "erasure:" + result.erasureId(), RunRecord.SUCCEEDED, started, Instant.now(),
                result.totalDeleted(), 0, 0, counts, List.of(), null);
    }
}
