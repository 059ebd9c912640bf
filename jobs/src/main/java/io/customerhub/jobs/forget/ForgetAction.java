package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.contains;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.rlike;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * GDPR erasure: removes a person (all records of a golden id, or single source records) from every
 * hub table, records the erasure without personal data in {@code erasures} and the counts in
 * {@code runs}, and optionally vacuums the tables so older versions no longer hold the rows.
 *
 * <p>Crash-safe: the request is recorded first (keyed hashes for ingest's suppression, the targets
 * sealed with the erasure key), then each table's rows go (each step a no-op when repeated), then
 * deletion vectors are purged, then the request is marked done, then VACUUM. Any {@code hub forget}
 * and the nightly run first finish the requests a crash left pending ({@link #finishPending}).
 *
 * <p>Rows are deleted by a MERGE against a small table of the keys, never by a condition with
 * literal values: Delta writes a delete's predicate into its commit, where ids and e-mails would
 * outlive the rows.
 *
 * <p>Tables of unknown layout (golden, review_queue) are matched by column names: {@code *_key}
 * columns hold record keys, {@code *source_system}/{@code *source_id} pairs name source records,
 * {@code *golden_id} columns golden ids ({@code *_keys}/{@code *golden_ids} arrays likewise).
 */
public final class ForgetAction {

    private static final Pattern REASON_CODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");
    private static final String PURGE_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    private static final Pattern LOG_ENTRY = Pattern.compile("^\\.?(\\d{20})\\..*");
    /** The keys a MERGE deletes by; a row names one record, one golden id or one e-mail, the other columns null. */
    private static final StructType KEYS = new StructType()
            .add("erased_record_key", DataTypes.StringType).add("erased_source_system", DataTypes.StringType)
            .add("erased_source_id", DataTypes.StringType).add("erased_id_token", DataTypes.StringType)
            .add("erased_golden_id", DataTypes.StringType).add("rebuild_golden_id", DataTypes.StringType)
            .add("erased_email", DataTypes.StringType);

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
    private final String runId;
    private final Map<String, Long> deleted = new TreeMap<>();
    private final Map<String, Long> versions = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();
    private Consumer<String> afterStep = step -> { };

    public ForgetAction(SparkSession spark, Options options) {
        this(spark, options.tables(), options.runId(), options);
    }

    private ForgetAction(SparkSession spark, HubTables tables, String runId, Options options) {
        this.spark = spark;
        this.options = options;
        this.tables = tables;
        this.runId = runId;
    }

    /** Test seam: called with each step's name once it is done, so a test can stop the erasure there as a kill would. */
    ForgetAction afterEachStep(Consumer<String> hook) {
        this.afterStep = hook;
        return this;
    }

    /**
     * Finishes the erasures a crash or kill left pending (the nightly run calls this first, so a
     * night never starts with half an erasure); empty when there are none.
     */
    public static List<ForgetResult> finishPending(SparkSession spark, HubTables tables, String runId) {
        if (ErasuresTable.unfinished(spark, tables).isEmpty()) {
            return List.of();
        }
        return new ForgetAction(spark, tables, runId, null).inJobGroup(action -> action.finishPending(
                ErasureKey.load(tables, spark.sparkContext().hadoopConfiguration(), false)));
    }

    public ForgetResult execute() {
        return inJobGroup(action -> action.forget());
    }

    private <T> T inJobGroup(java.util.function.Function<ForgetAction, T> work) {
        spark.sparkContext().setJobGroup("forget", "erasure for run " + runId, false);
        try {
            return work.apply(this);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private ForgetResult forget() {
        Instant started = Instant.now();
        String key = ErasureKey.load(tables, spark.sparkContext().hadoopConfiguration(), true);
        List<ForgetResult> finished = finishPending(key);
        Map<String, String> erasedBefore = new TreeMap<>();
        Targets targets = resolve(key, erasedBefore);
        if (options.records().isEmpty() && erasedBefore.keySet().containsAll(options.goldenIds())) {
            // A rerun after a crash: the pending request it made has just been finished (or was finished before).
            String erasureId = erasedBefore.values().iterator().next();
            return finished.stream().filter(r -> r.erasureId().equals(erasureId)).findFirst()
                    .orElseGet(() -> ForgetResult.alreadyDone(erasureId, options.reasonCode()));
        }
        ErasuresTable.Request request = new ErasuresTable.Request(UUID.randomUUID().toString(), Timestamp.from(started), options.reasonCode(),
                runId, ErasuresTable.PENDING, options.vacuum(), targets.records().size(), targets.erasedGoldenIds().size(),
                targets.staleGoldenIds().size(), targets.suppressed().stream().map(r -> ErasureKey.hash(key, r)).sorted().toList(),
                options.goldenIds().stream().map(id -> ErasureKey.hashGoldenId(key, id)).sorted().toList(), targets.seal(key));
        ErasuresTable.recordRequest(spark, tables, request);
        afterStep.accept("request");
        return complete(request, targets, started);
    }

    private List<ForgetResult> finishPending(String key) {
        List<ForgetResult> finished = new ArrayList<>();
        for (ErasuresTable.Request request : ErasuresTable.unfinished(spark, tables)) {
            if (request.sealedTargets() != null && key == null) {
                throw HubException.of("erasure " + request.erasureId() + " is unfinished and the erasure key is gone",
                        "its targets are sealed with the key under the hub root or " + ErasureKey.ENV,
                        "restore the key (or set " + ErasureKey.ENV + ") and rerun `hub forget`");
            }
            Targets targets = request.sealedTargets() == null ? null : Targets.unseal(key, request.sealedTargets());
            finished.add(complete(request, targets, Instant.now()));
        }
        return finished;
    }

    /** The steps after the request; {@code targets} null when only the VACUUM is left. */
    private ForgetResult complete(ErasuresTable.Request request, Targets targets, Instant started) {
        deleted.clear();
        versions.clear();
        skipped.clear();
        List<String> tablesToVacuum = erasureTables().keySet().stream().toList();
        ForgetResult result = new ForgetResult(request.erasureId(), request.reasonCode(), request.recordsErased(), request.goldenIdsErased(),
                request.goldenRowsToRebuild(), deleted, versions, request.suppressionHashes(), tablesToVacuum, skipped, false);
        if (targets != null) {
            eraseFromTables(targets);
            purgeDeletionVectors();
            afterStep.accept("purge");
            result = new ForgetResult(request.erasureId(), request.reasonCode(), request.recordsErased(), request.goldenIdsErased(),
                    request.goldenRowsToRebuild(), deleted, versions, request.suppressionHashes(), tablesToVacuum, skipped, false);
            ErasuresTable.markDeleted(spark, tables, result, request.vacuum());
            RunsTable.upsert(spark, tables, runRecord(result, started));
            afterStep.accept("deleted");
        }
        if (request.vacuum()) {
            vacuum();
            forgetLogHistory();
            ErasuresTable.markVacuumed(spark, tables, request.erasureId());
            afterStep.accept("vacuum");
            result = new ForgetResult(request.erasureId(), result.reasonCode(), result.recordsErased(), result.goldenIdsErased(),
                    result.goldenRowsToRebuild(), deleted, versions, result.suppressionHashes(), result.toVacuum(), skipped, true);
        }
        return result;
    }

    private void eraseFromTables(Targets targets) {
        Dataset<Row> records = keys(targets.records(), Set.of(), Set.of(), Set.of());
        for (String source : bronzeSources()) {
            deleteMatching("bronze/" + source, tables.bronze(source), records, ForgetAction::keyCondition);
        }
        deleteMatching("quarantine", tables.quarantine(), keys(targets.suppressed(), Set.of(), Set.of(), targets.emails()),
                ForgetAction::quarantineCondition);
        deleteMatching("records", tables.records(), records, ForgetAction::keyCondition);
        deleteMatching("pairs", tables.pairs(), records, ForgetAction::keyCondition);
        Dataset<Row> recordsAndIds = keys(targets.records(), targets.erasedGoldenIds(), Set.of(), Set.of());
        deleteMatching("xref", tables.xref(), recordsAndIds, ForgetAction::keyCondition);
        deleteMatching("retired_xref", tables.retiredXref(), recordsAndIds, ForgetAction::keyCondition);
        deleteMatching("golden", tables.table("golden"), keys(targets.records(), targets.erasedGoldenIds(), targets.staleGoldenIds(), Set.of()),
                schema -> or(keyCondition(schema), Arrays.asList(schema.fieldNames()).contains("golden_id")
                        ? Optional.of(col("t.golden_id").equalTo(col("s.rebuild_golden_id"))) : Optional.empty()));
        forgetHistory(keys(Set.of(), targets.erasedGoldenIds(), Set.of(), Set.of()));
        deleteMatching("steward_decisions", tables.stewardDecisions(), records, ForgetAction::keyCondition);
        deleteMatching("review_queue", tables.table("review_queue"), recordsAndIds, ForgetAction::keyCondition);
    }

    /**
     * The records, golden ids and e-mails an erasure removes, worked out before anything is deleted.
     * {@code suppressed}: the records plus quarantined records found by the person's e-mail.
     */
    record Targets(Set<SourceKey> records, Set<String> erasedGoldenIds, Set<String> staleGoldenIds, Set<String> emails,
                   Set<SourceKey> suppressed) {

        private static final ObjectMapper JSON = new ObjectMapper();

        String seal(String key) {
            Map<String, List<String>> lists = new TreeMap<>();
            lists.put("records", records.stream().map(SourceKey::recordKey).toList());
            lists.put("erased_golden_ids", List.copyOf(erasedGoldenIds));
            lists.put("stale_golden_ids", List.copyOf(staleGoldenIds));
            lists.put("emails", List.copyOf(emails));
            lists.put("suppressed", suppressed.stream().map(SourceKey::recordKey).toList());
            try {
                return ErasureKey.seal(key, JSON.writeValueAsString(lists));
            } catch (IOException e) {
                throw new IllegalStateException("lists of strings always serialise", e);
            }
        }

        static Targets unseal(String key, String sealed) {
            try {
                Map<String, List<String>> lists = JSON.readValue(ErasureKey.unseal(key, sealed), new TypeReference<>() { });
                return new Targets(recordsOf(lists.get("records")), new TreeSet<>(lists.get("erased_golden_ids")),
                        new TreeSet<>(lists.get("stale_golden_ids")), new TreeSet<>(lists.get("emails")), recordsOf(lists.get("suppressed")));
            } catch (IOException e) {
                throw new IllegalStateException("the sealed targets were written by seal", e);
            }
        }

        private static Set<SourceKey> recordsOf(List<String> recordKeys) {
            return recordKeys.stream().map(SourceKey::parse).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /** {@code erasedBefore} receives the requested golden ids without records that an earlier erasure was asked for. */
    private Targets resolve(String key, Map<String, String> erasedBefore) {
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
                    Optional<String> earlier = ErasuresTable.erasureOfGoldenId(spark, tables, ErasureKey.hashGoldenId(key, goldenId));
                    if (earlier.isEmpty()) {
                        throw HubException.of("golden id " + goldenId + " has no current records", "it is unknown or was retired (merged into another id)",
                                "check `hub lookup --golden-id " + goldenId + "`: forget the live id it redirects to, or name the records by --source/--source-id");
                    }
                    erasedBefore.put(goldenId, earlier.get());
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
        Set<String> emails = emailsOf(records);
        Set<SourceKey> suppressed = new TreeSet<>(records);
        suppressed.addAll(quarantinedRecordsOf(emails));
        return new Targets(records, erased, stale, emails, suppressed);
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
    private Set<SourceKey> quarantinedRecordsOf(Set<String> emails) {
        Set<SourceKey> found = new TreeSet<>();
        Optional<Dataset<Row>> quarantine = read(tables.quarantine());
        if (quarantine.isEmpty() || emails.isEmpty()) {
            return found;
        }
        Column anyEmail = emails.stream().map(email -> lower(col("raw_text")).contains(email)).reduce(Column::or).orElseThrow();
        for (Row r : quarantine.get().where(anyEmail.and(col("source_id").isNotNull()))
                .select("source_system", "source_id").distinct().collectAsList()) {
            if (!r.getString(1).isBlank()) {
                found.add(new SourceKey(r.getString(0), r.getString(1)));
            }
        }
        return found;
    }

    /** One row per record, golden id, golden id to rebuild and e-mail: the other side of the deleting MERGE. */
    private Dataset<Row> keys(Set<SourceKey> records, Set<String> erasedGoldenIds, Set<String> rebuildGoldenIds, Set<String> emails) {
        List<Row> rows = new ArrayList<>();
        for (SourceKey r : records) {
            String idToken = "(^|[^A-Za-z0-9_])" + Pattern.quote(r.sourceId()) + "([^A-Za-z0-9_]|$)";
            rows.add(RowFactory.create(r.recordKey(), r.sourceSystem(), r.sourceId(), idToken, null, null, null));
        }
        erasedGoldenIds.forEach(id -> rows.add(RowFactory.create(null, null, null, null, id, null, null)));
        rebuildGoldenIds.forEach(id -> rows.add(RowFactory.create(null, null, null, null, null, id, null)));
        emails.forEach(email -> rows.add(RowFactory.create(null, null, null, null, null, null, email)));
        return spark.createDataFrame(rows, KEYS);
    }

    /**
     * Quarantine keeps the raw text and, when readable, the parsed id. Conservative match: the
     * source's rows with the id, rows of the source without a parsed id whose raw text holds the id
     * as a whole token, and rows of any source whose raw text holds one of the person's e-mails.
     */
    private static Optional<Column> quarantineCondition(StructType schema) {
        Column idInText = col("t.source_system").equalTo(col("s.erased_source_system")).and(col("t.source_id").isNull())
                .and(rlike(col("t.raw_text"), col("s.erased_id_token")));
        Column emailInText = contains(lower(col("t.raw_text")), col("s.erased_email"));
        return or(keyCondition(schema), Optional.of(idInText.or(emailInText)));
    }

    /** History rows of erased ids go; a split-off id that names an erased origin keeps its row with the origin blanked. */
    private void forgetHistory(Dataset<Row> erasedIds) {
        String path = tables.goldenIdHistory();
        deleteMatching("golden_id_history", path, erasedIds, ForgetAction::keyCondition);
        Optional<Dataset<Row>> history = read(path);
        if (history.isEmpty()) {
            return;
        }
        Column referencing = col("t.related_id").equalTo(col("s.erased_golden_id"));
        long blanked = history.get().as("t").join(erasedIds.as("s"), referencing, "left_semi").count();
        if (blanked > 0) {
            DeltaTable table = DeltaTable.forPath(spark, path);
            table.as("t").merge(erasedIds.as("s"), referencing).whenMatched().updateExpr(Map.of("related_id", "CAST(NULL AS STRING)")).execute();
            deleted.put("golden_id_history.related_id_blanked", blanked);
            versions.put("golden_id_history", lastVersion(table));
        }
        afterStep.accept("golden_id_history.related_id");
    }

    /**
     * Deletes the rows of a table that match a row of {@code keys} (a MERGE ... WHEN MATCHED DELETE:
     * its commit names the condition's columns, not the person's values). A no-op when none match.
     */
    private void deleteMatching(String name, String path, Dataset<Row> keys, Function<StructType, Optional<Column>> conditionOf) {
        Optional<Dataset<Row>> data = read(path);
        if (data.isEmpty()) {
            skipped.add(name);
            afterStep.accept(name);
            return;
        }
        Optional<Column> condition = conditionOf.apply(data.get().schema());
        long n = condition.isEmpty() ? 0 : data.get().as("t").join(keys.as("s"), condition.get(), "left_semi").count();
        deleted.put(name, n);
        if (n > 0) {
            DeltaTable table = DeltaTable.forPath(spark, path);
            table.as("t").merge(keys.as("s"), condition.get()).whenMatched().delete().execute();
            versions.put(name, lastVersion(table));
        }
        afterStep.accept(name);
    }

    /**
     * A match condition between a table ({@code t}) and the keys ({@code s}) found by column names
     * and types. Record keys ({@code *_key} columns, {@code *_keys} arrays), source record pairs
     * ({@code Xsource_system} with {@code Xsource_id}), golden ids ({@code *golden_id},
     * {@code *golden_ids}).
     */
    static Optional<Column> keyCondition(StructType schema) {
        List<Column> parts = new ArrayList<>();
        Set<String> names = new HashSet<>(Arrays.asList(schema.fieldNames()));
        for (StructField field : schema.fields()) {
            String name = field.name();
            Column column = col("t.`" + name + "`");
            boolean text = field.dataType().equals(DataTypes.StringType);
            boolean texts = field.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType);
            if (text && name.endsWith("_key")) {
                parts.add(column.equalTo(col("s.erased_record_key")));
            }
            if (texts && name.endsWith("_keys")) {
                parts.add(array_contains(column, col("s.erased_record_key")));
            }
            if (text && name.endsWith("golden_id")) {
                parts.add(column.equalTo(col("s.erased_golden_id")));
            }
            if (texts && name.endsWith("golden_ids")) {
                parts.add(array_contains(column, col("s.erased_golden_id")));
            }
            if (text && name.endsWith("source_system")) {
                String idColumn = name.substring(0, name.length() - "source_system".length()) + "source_id";
                if (names.contains(idColumn)) {
                    parts.add(column.equalTo(col("s.erased_source_system")).and(col("t.`" + idColumn + "`").equalTo(col("s.erased_source_id"))));
                }
            }
        }
        return parts.stream().reduce(Column::or);
    }

    private static Optional<Column> or(Optional<Column> a, Optional<Column> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().or(b.get()));
    }

    /** A deletion vector only hides deleted rows: rewrite the files that have one so the data is physically gone. */
    private void purgeDeletionVectors() {
        for (String path : erasureTables().values()) {
            if ("true".equalsIgnoreCase(DeltaTable.forPath(spark, path).detail().select("properties").first().<String, String>getJavaMap(0)
                    .getOrDefault("delta.enableDeletionVectors", "false"))) {
                spark.sql("REORG TABLE delta.`" + path + "` APPLY (PURGE)");
            }
        }
    }

    /**
     * VACUUM with zero retention of every table an erasure touches (all of them: a crashed attempt
     * may have deleted from any) and of {@code erasures} (older versions hold the sealed targets).
     * Delta refuses zero retention unless its retention safety check is switched off for the call.
     */
    private void vacuum() {
        String before = spark.conf().get(PURGE_CHECK, "true");
        spark.conf().set(PURGE_CHECK, "false");
        try {
            for (String path : erasureTables().values()) {
                DeltaTable.forPath(spark, path).vacuum(0);
            }
            DeltaTable.forPath(spark, tables.erasures()).vacuum(0);
        } finally {
            spark.conf().set(PURGE_CHECK, before);
        }
    }

    /**
     * After the VACUUM, drops each table's log entries before a fresh checkpoint: older commits keep
     * per-file statistics (min/max of the first columns), and those of files that held the person's
     * rows can hold her values. The checkpoint holds the current files only.
     */
    private void forgetLogHistory() {
        List<String> paths = new ArrayList<>(erasureTables().values());
        paths.add(tables.erasures());
        for (String path : paths) {
            DeltaLog log = DeltaLog.forTable(spark, path);
            Snapshot latest = log.update(false, Option.empty(), Option.empty());
            log.checkpoint(latest, Option.empty());
            Path logDir = new Path(path, "_delta_log");
            try {
                FileSystem fs = logDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
                String checkpointPrefix = String.format(Locale.ROOT, "%020d.checkpoint", latest.version());
                if (Arrays.stream(fs.listStatus(logDir)).noneMatch(s -> s.getPath().getName().startsWith(checkpointPrefix))) {
                    continue; // no classic checkpoint was written: keep the log whole rather than break the table
                }
                for (FileStatus entry : fs.listStatus(logDir)) {
                    Matcher m = LOG_ENTRY.matcher(entry.getPath().getName());
                    if (entry.isFile() && m.matches() && Long.parseLong(m.group(1)) < latest.version()) {
                        fs.delete(entry.getPath(), false);
                    }
                }
            } catch (IOException e) {
                throw HubException.of("cannot clean the transaction log of " + path, e.getMessage(),
                        "check the permissions under the hub root and rerun `hub forget` (it finishes the pending erasure)", e);
            }
        }
        DeltaLog.clearCache();
    }

    /** The tables an erasure deletes from that exist, by name ({@code bronze/<source>} for bronze). */
    private Map<String, String> erasureTables() {
        Map<String, String> paths = new TreeMap<>();
        bronzeSources().forEach(source -> paths.put("bronze/" + source, tables.bronze(source)));
        for (String name : List.of("quarantine", "records", "pairs", "xref", "retired_xref", "golden", "golden_id_history", "steward_decisions", "review_queue")) {
            if (DeltaTable.isDeltaTable(spark, tables.table(name))) {
                paths.put(name, tables.table(name));
            }
        }
        return paths;
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
        return new RunRecord(runId, "forget", "erasure:" + result.erasureId(), RunRecord.SUCCEEDED, started, Instant.now(),
                result.totalDeleted(), 0, 0, counts, List.of(), null);
    }
}
