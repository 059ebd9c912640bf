package io.customerhub.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.contract.SourceContract;
import io.customerhub.jobs.forget.ErasuresTable;
import io.customerhub.jobs.spark.LazyRows;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.record.CanonicalField;
import io.delta.tables.DeltaTable;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads one source's extract as its contract declares into {@code bronze/<source>}; every other
 * row goes to {@code quarantine} with its file, line, raw text and reason. Idempotent per run id:
 * both tables are rewritten with replaceWhere on the run, so a rerun (or a rerun after a crash)
 * leaves exactly one copy.
 */
public final class IngestAction {

    /** The {@code runs} count of a source whose extract was skipped as unchanged. */
    public static final String UNCHANGED_EXTRACT = "unchanged_extract";
    /** An extract of no rows is legal (a delta with no change) but never silent. */
    static final String NO_ROWS_WARNING = "no rows were read: the extract's files hold no data row (only a header or blank lines)";
    private static final CanonicalField[] FIELDS = CanonicalField.values();
    private static final StructType PARSED_SCHEMA = parsedSchema();

    private final SparkSession spark;
    private final LoadedContract loaded;
    private final IngestOptions options;

    public IngestAction(SparkSession spark, LoadedContract loaded, IngestOptions options) {
        this.spark = spark;
        this.loaded = loaded;
        this.options = options;
    }

    /** What one source's ingestion gives: its counts and the {@code runs} row still to be written. */
    public record Outcome(IngestResult result, RunRecord runRecord) {
    }

    /** Ingests the source and records its counts in {@code runs}. */
    public IngestResult execute() {
        Outcome outcome = ingest();
        RunsTable.upsert(spark, options.tables(), outcome.runRecord());
        return outcome.result();
    }

    /** Ingests the source without writing its {@code runs} row (sources ingested side by side write theirs after). */
    public Outcome ingest() {
        SourceContract contract = loaded.contract();
        String source = contract.name();
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("ingest:" + source, "ingest " + source + " for run " + options.runId(), false);
        try {
            List<String> files = ExtractFiles.list(source, loaded.extractPath(), spark.sparkContext().hadoopConfiguration());
            String bronzePath = options.tables().bronze(source);
            String fingerprint = ExtractFingerprint.of(spark, loaded, files, options.tables());
            Optional<String> publishedBy = options.rereadUnchanged() ? Optional.empty()
                    : ExtractFingerprint.publishedBy(spark, bronzePath, fingerprint);
            // A rerun of the run that published it reads it again (idempotent); a later run has nothing new to read.
            if (publishedBy.isPresent() && !publishedBy.get().equals(options.runId())) {
                IngestResult result = IngestResult.unchanged(source, options.runId(), maxRejectRate(), publishedBy.get());
                return new Outcome(result, unchangedRunRecord(result, started));
            }
            Dataset<Row> parsed = ErasuresTable.markSuppressed(spark, options.tables(), source, read(contract, files));
            Dataset<Row> hashed = withRowHash(parsed).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> repeatedIds = repeatedIds(hashed).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> resolved = markDuplicateIds(hashed, repeatedIds);
            try {
                IngestResult result = summarise(resolved, snapshotShrink(resolved));
                writeQuarantine(resolved);
                if (result.failed()) {
                    removeBronzeOfThisRun(source);
                } else {
                    writeBronze(resolved);
                    ExtractFingerprint.recordPublished(spark, bronzePath, fingerprint, options.runId());
                }
                return new Outcome(result, runRecord(result, started));
            } finally {
                repeatedIds.unpersist();
                hashed.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Creates the empty {@code quarantine} table when missing, so sources ingested side by side
     * only ever write their own partition of it (two first writes would both try to create it).
     */
    static void ensureQuarantineTable(SparkSession spark, IngestOptions options) {
        String path = options.tables().quarantine();
        if (!DeltaTable.isDeltaTable(spark, path)) {
            quarantineRows(spark.createDataFrame(List.of(), PARSED_SCHEMA), options.runId(), "")
                    .write().format("delta").mode("append").partitionBy("source_system").save(path);
        }
    }

    private Dataset<Row> read(SourceContract contract, List<String> files) {
        RowValidator validator = new RowValidator(contract);
        RawTextMask mask = RawTextMask.of(contract);
        JavaRDD<Row> rows = switch (contract.format()) {
            case "csv", "jsonl" -> readLineFormat(contract, files, validator, mask);
            case "parquet" -> readParquet(files, validator, mask);
            default -> throw HubException.of("source '" + contract.name() + "': format " + contract.format() + " cannot be read yet",
                    "only csv, jsonl and parquet readers exist", "export the data to one of those formats");
        };
        return spark.createDataFrame(rows, PARSED_SCHEMA);
    }

    private JavaRDD<Row> readLineFormat(SourceContract contract, List<String> files, RowValidator validator, RawTextMask mask) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String charsetName = contract.charset().name();
        boolean csv = "csv".equals(contract.format());
        return jsc.binaryFiles(String.join(",", files), Math.max(1, files.size()))
                .flatMap((Tuple2<String, PortableDataStream> file) -> {
                    InputStream in = file._2().open();
                    Charset charset = Charset.forName(charsetName);
                    Iterator<ExtractRecord> records = csv
                            ? new CsvExtractReader(in, charset, contract.csvOptions(), file._1(), mask)
                            : new JsonLinesExtractReader(in, charset, file._1(), mask);
                    return new ClosingIterator(records, in, validator);
                });
    }

    private JavaRDD<Row> readParquet(List<String> files, RowValidator validator, RawTextMask mask) {
        // One file at a time: files of one extract may disagree on columns (schema drift).
        JavaRDD<Row> all = null;
        for (String file : files) {
            Dataset<Row> data = spark.read().parquet(file);
            String[] columns = data.columns();
            JavaRDD<Row> rows = data.toJavaRDD().mapPartitions(partition -> LazyRows.map(partition, row -> {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.length; i++) {
                    values.put(columns[i], row.isNullAt(i) ? null : parquetText(row.get(i)));
                }
                String raw = JsonLinesExtractReader.json(mask.masked(values));
                return toRow(validator.validate(ExtractRecord.parsed(file, 0, raw, values, true)));
            }));
            all = all == null ? rows : all.union(rows);
        }
        return all;
    }

    /** Typed Parquet values as the text the contract's parsers read: timestamps and dates in ISO form. */
    static String parquetText(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        return String.valueOf(value);
    }

    /**
     * Among accepted rows, an id seen twice is quarantined: all its rows if they differ, the copies
     * (every row after the first in file order) if identical. Repeated ids are found by an
     * aggregation of the ids and hashes alone, then brought back to the rows by a broadcast join, so
     * the wide rows (raw text, every field) are not shuffled.
     */
    private static Dataset<Row> markDuplicateIds(Dataset<Row> hashed, Dataset<Row> repeatedIds) {
        Column accepted = col("reason_code").isNull();
        Column conflicting = accepted.and(col("id_versions").gt(1));
        Column copy = accepted.and(col("id_versions").equalTo(1))
                .and(struct(col("source_file"), col("source_line")).notEqual(col("first_row")));
        return hashed.join(broadcast(repeatedIds), hashed.col("source_id").equalTo(repeatedIds.col("repeated_id")), "left_outer")
                .withColumn("reason", when(conflicting, concat(
                                lit("source id appears on "), col("id_rows").cast("string"),
                                lit(" rows with different content in this extract")))
                        .when(copy, concat(
                                lit("exact copy of the row at line "), col("first_row.source_line").cast("string")))
                        .otherwise(col("reason")))
                .withColumn("reason_code", when(conflicting.or(copy), lit(QuarantineReason.DUPLICATE_SOURCE_ID.name()))
                        .otherwise(col("reason_code")))
                .drop("repeated_id", "id_versions", "id_rows", "first_row");
    }

    /** The parsed rows with the hash of their content (what standardize compares night to night). */
    private static Dataset<Row> withRowHash(Dataset<Row> parsed) {
        Column[] hashed = new Column[FIELDS.length + 1];
        for (int i = 0; i < FIELDS.length; i++) {
            hashed[i] = col(FIELDS[i].columnName());
        }
        hashed[FIELDS.length] = col("deleted");
        return parsed.withColumn("row_hash", sha2(to_json(struct(hashed)), 256));
    }

    /** Accepted source ids on more than one row: how many rows, how many distinct contents, the first row in file order. */
    private static Dataset<Row> repeatedIds(Dataset<Row> hashed) {
        return hashed.where(col("reason_code").isNull())
                .groupBy(col("source_id").as("repeated_id"))
                .agg(count(lit(1)).as("id_rows"), countDistinct(col("row_hash")).as("id_versions"),
                        min(struct(col("source_file"), col("source_line"))).as("first_row"))
                .where(col("id_rows").gt(1));
    }

    /**
     * What this full snapshot would retire, counted before anything is published: the source's
     * current records left_anti its accepted, not deleted ids. Null for a delta extract or a hub
     * without records yet (a first load retires nothing).
     */
    private SnapshotShrink snapshotShrink(Dataset<Row> resolved) {
        SourceContract contract = loaded.contract();
        String recordsPath = options.tables().records();
        if (contract.extractOptions().isDelta() || !DeltaTable.isDeltaTable(spark, recordsPath)) {
            return null;
        }
        // Current before this run: a rerun of the run id judges the snapshot as its first attempt did,
        // not against the records that attempt's standardize already retired or added.
        Dataset<Row> current = spark.read().format("delta").load(recordsPath)
                .where(col("source_system").equalTo(contract.name())
                        .and(col("retired").equalTo(false).or(col("last_changed_run").equalTo(options.runId())))
                        .and(col("first_seen_run").eqNullSafe(options.runId()).unary_$bang()))
                .select("source_id");
        Dataset<Row> kept = resolved.where(col("reason_code").isNull().and(col("deleted").equalTo(false)))
                .select(col("source_id").as("kept_id")).distinct();
        Row counts = current.join(kept, col("source_id").equalTo(col("kept_id")), "left_outer")
                .agg(count(lit(1)), count(when(col("kept_id").isNull(), lit(1))))
                .first();
        double limit = options.maxRetiredShare() != null ? options.maxRetiredShare()
                : contract.extractOptions().effectiveMaxRetiredShare();
        return new SnapshotShrink(counts.getLong(0), counts.getLong(1), limit);
    }

    private IngestResult summarise(Dataset<Row> resolved, SnapshotShrink snapshotShrink) {
        List<Row> byReason = resolved.groupBy(col("reason_code"))
                .agg(count(lit(1)).as("n"), collect_set(col("warning")).as("warnings"))
                .collectAsList();
        long read = 0;
        long quarantined = 0;
        long suppressed = 0;
        Map<QuarantineReason, Long> reasons = new EnumMap<>(QuarantineReason.class);
        TreeSet<String> warnings = new TreeSet<>();
        for (Row row : byReason) {
            long n = row.getLong(1);
            if (ErasuresTable.SUPPRESSED_ERASED.equals(row.getString(0))) {
                // Erased records: counted apart, so read = accepted + quarantined still holds for what the hub keeps.
                suppressed = n;
                continue;
            }
            read += n;
            if (!row.isNullAt(0)) {
                quarantined += n;
                reasons.put(QuarantineReason.valueOf(row.getString(0)), n);
            }
            List<String> rowWarnings = row.getList(2);
            rowWarnings.forEach(w -> warnings.addAll(Arrays.asList(w.split(RowValidator.WARNING_SEPARATOR))));
        }
        if (read == 0 && suppressed == 0) {
            warnings.add(NO_ROWS_WARNING);
        }
        double limit = maxRejectRate();
        double rate = read == 0 ? 0 : (double) quarantined / read;
        return new IngestResult(loaded.contract().name(), options.runId(), read, read - quarantined, quarantined,
                reasons, List.copyOf(warnings), rate, limit, rate > limit, suppressed, null, snapshotShrink);
    }

    private double maxRejectRate() {
        return loaded.contract().maxRejectRate() != null ? loaded.contract().maxRejectRate() : options.maxRejectRate();
    }

    private void writeQuarantine(Dataset<Row> resolved) {
        String source = loaded.contract().name();
        Dataset<Row> rows = quarantineRows(resolved, options.runId(), source);
        rows.write().format("delta").mode("overwrite").partitionBy("source_system")
                .option("replaceWhere", "source_system = '" + source + "' AND run_id = '" + options.runId() + "'")
                .save(options.tables().quarantine());
    }

    /** The quarantine table's rows: those rejected, erased rows aside (they are counted apart). */
    private static Dataset<Row> quarantineRows(Dataset<Row> resolved, String runId, String source) {
        return resolved.where(col("reason_code").isNotNull().and(col("reason_code").notEqual(ErasuresTable.SUPPRESSED_ERASED))).select(
                lit(runId).as("run_id"), lit(source).as("source_system"),
                col("source_file"), col("source_line"), col("source_id"),
                col("reason_code"), col("reason"), col("raw_text"), current_timestamp().as("quarantined_at"));
    }

    private void writeBronze(Dataset<Row> resolved) {
        SourceContract contract = loaded.contract();
        List<Column> columns = new ArrayList<>(List.of(
                lit(options.runId()).as("run_id"), lit(contract.name()).as("source_system"), col("source_id"),
                lit(contract.extractOptions().effectiveMode()).as("extract_mode"), col("deleted"),
                lit(contract.phoneRegion()).as("phone_region"),
                col("source_file"), col("source_line"), col("row_hash"), current_timestamp().as("ingested_at")));
        Arrays.stream(FIELDS).forEach(f -> columns.add(col(f.columnName())));
        resolved.where(col("reason_code").isNull()).select(columns.toArray(Column[]::new))
                .write().format("delta").mode("overwrite")
                .option("replaceWhere", "run_id = '" + options.runId() + "'")
                .save(options.tables().bronze(contract.name()));
    }

    private void removeBronzeOfThisRun(String source) {
        String path = options.tables().bronze(source);
        if (DeltaTable.isDeltaTable(spark, path)) {
            DeltaTable.forPath(spark, path).delete(col("run_id").equalTo(options.runId()));
        }
    }

    private RunRecord runRecord(IngestResult result, Instant started) {
        Map<String, Long> counts = new LinkedHashMap<>();
        result.quarantinedByReason().forEach((reason, n) -> counts.put("quarantined." + reason.name(), n));
        if (result.suppressedErased() > 0) {
            counts.put("suppressed_erased", result.suppressedErased());
        }
        if (result.snapshotShrink() != null) {
            counts.put("snapshot.current_records", result.snapshotShrink().currentRecords());
            counts.put("snapshot.retiring", result.snapshotShrink().retiring());
        }
        String message = failureMessage(result);
        return new RunRecord(options.runId(), "ingest", result.source(),
                result.failed() ? RunRecord.FAILED : RunRecord.SUCCEEDED, started, Instant.now(),
                result.read(), result.accepted(), result.quarantined(), counts, result.warnings(), message);
    }

    private RunRecord unchangedRunRecord(IngestResult result, Instant started) {
        return new RunRecord(options.runId(), "ingest", result.source(), RunRecord.SUCCEEDED, started, Instant.now(),
                0, 0, 0, Map.of(UNCHANGED_EXTRACT, 1L), List.of(), unchangedMessage(result));
    }

    public static String unchangedMessage(IngestResult result) {
        return "extract unchanged since run " + result.unchangedSinceRun()
                + " (same files, bytes and contract): not read again, its records stay as they are";
    }

    /** Why the source was not published (both reasons when both hold); null when it was. */
    public static String failureMessage(IngestResult result) {
        List<String> reasons = new ArrayList<>();
        if (result.rejectRateExceeded()) {
            reasons.add(rejectMessage(result));
        }
        if (result.snapshotRefused()) {
            reasons.add(result.snapshotShrink().message(result.source()));
        }
        return reasons.isEmpty() ? null : String.join("\n", reasons);
    }

    public static String rejectMessage(IngestResult result) {
        return String.format(java.util.Locale.ROOT,
                "source '%s': %d of %d rows (%.2f %%) were quarantined, above the limit of %.2f %%; nothing was published to bronze",
                result.source(), result.quarantined(), result.read(), 100 * result.rejectRate(), 100 * result.maxRejectRate());
    }

    static Row toRow(IngestedRow row) {
        Object[] values = new Object[PARSED_SCHEMA.size()];
        values[0] = row.file();
        values[1] = row.line();
        values[2] = row.rawText();
        values[3] = row.sourceId();
        values[4] = row.deleted();
        values[5] = row.reason() == null ? null : row.reason().name();
        values[6] = row.reasonDetail();
        values[7] = row.warning();
        if (row.values() != null) {
            System.arraycopy(row.values(), 0, values, 8, FIELDS.length);
        }
        return RowFactory.create(values);
    }

    private static StructType parsedSchema() {
        StructType schema = new StructType()
                .add("source_file", DataTypes.StringType, false)
                .add("source_line", DataTypes.LongType, false)
                .add("raw_text", DataTypes.StringType, true)
                .add("source_id", DataTypes.StringType, true)
                .add("deleted", DataTypes.BooleanType, false)
                .add("reason_code", DataTypes.StringType, true)
                .add("reason", DataTypes.StringType, true)
                .add("warning", DataTypes.StringType, true);
        for (CanonicalField field : FIELDS) {
            schema = schema.add(field.columnName(), DataTypes.StringType, true);
        }
        return schema;
    }

    /** Validates records lazily and closes the file when the last one is read. */
    private static final class ClosingIterator implements Iterator<Row> {
        private final Iterator<ExtractRecord> records;
        private final InputStream in;
        private final RowValidator validator;

        ClosingIterator(Iterator<ExtractRecord> records, InputStream in, RowValidator validator) {
            this.records = records;
            this.in = in;
            this.validator = validator;
        }

        @Override
        public boolean hasNext() {
            boolean more = records.hasNext();
            if (!more) {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return more;
        }

        @Override
        public Row next() {
            return toRow(validator.validate(records.next()));
        }
    }
}
