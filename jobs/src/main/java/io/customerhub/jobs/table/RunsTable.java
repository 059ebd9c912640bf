package io.customerhub.jobs.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code runs} table: one row per (run_id, step, source), upserted so a rerun of the same run
 * replaces its row instead of adding one; a rerun that found the work done keeps the row's figures.
 */
public final class RunsTable {

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("step", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            .add("rows_read", DataTypes.LongType, false)
            .add("rows_accepted", DataTypes.LongType, false)
            .add("rows_quarantined", DataTypes.LongType, false)
            .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("message", DataTypes.StringType, true);

    private static final int MAX_ATTEMPTS = 5;

    /** The {@code counts} key of a row kept from a step's first success: how many later attempts found nothing left to do. */
    public static final String RERUNS = "reruns";

    /**
     * Steps that apply only what is not applied yet, with the counts that are all zero when a rerun
     * found nothing left: standardised records, changed golden ids, records changing golden id.
     * The other steps recompute their figures on a rerun (ingest reads its files again; match
     * rescores this run's records; review and report count what the tables hold).
     */
    private static final Map<String, List<String>> WORK_COUNTS = Map.of(
            "standardize", List.of("new", "changed", "retired"),
            "cluster", List.of("records_changing_id"),
            "golden", List.of("inserted", "updated", "retired"));

    private RunsTable() {
    }

    public static void upsert(SparkSession spark, HubTables tables, RunRecord run) {
        upsertAll(spark, tables, List.of(run));
    }

    /**
     * Upserts rows of one run and step (sources ingested side by side) in a single commit: each
     * commit of this table costs about a second of snapshot work, whatever its size.
     */
    public static void upsertAll(SparkSession spark, HubTables tables, List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        RunRecord first = runs.get(0);
        if (runs.stream().anyMatch(r -> !r.runId().equals(first.runId()) || !r.step().equals(first.step()))) {
            throw new IllegalArgumentException("rows upserted together must share run id and step");
        }
        List<Row> rows = keepFiguresOfEarlierSuccess(spark, tables, runs).stream().map(RunsTable::row).toList();
        Dataset<Row> update = spark.createDataFrame(rows, SCHEMA);
        String sources = String.join(", ", runs.stream().map(r -> DeltaTableProperties.sqlString(r.source())).distinct().toList());
        String path = tables.runs();
        for (int attempt = 1; ; attempt++) {
            try {
                if (!DeltaTable.isDeltaTable(spark, path)) {
                    update.write().format("delta").mode("append").save(path);
                    return;
                }
                // A replaceWhere of these rows: one write and commit, where a MERGE joins first (0.8 s against 1.0 s per row measured).
                update.write().format("delta").mode("overwrite")
                        .option("replaceWhere", "run_id = " + DeltaTableProperties.sqlString(first.runId())
                                + " AND step = " + DeltaTableProperties.sqlString(first.step())
                                + " AND source IN (" + sources + ")")
                        .save(path);
                return;
            } catch (DeltaConcurrentModificationException e) {
                // Parallel ingest tasks of one run write here at once: Delta asks the loser to retry.
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A rerun of a step that already succeeded for this run id finds the work done and would count
     * zeros over the night's figures: its row keeps the first success's figures, times and message,
     * and counts the rerun. A rerun that did work (e.g. after new steward decisions) writes its own.
     */
    private static List<RunRecord> keepFiguresOfEarlierSuccess(SparkSession spark, HubTables tables, List<RunRecord> runs) {
        List<String> workCounts = WORK_COUNTS.get(runs.get(0).step());
        if (workCounts == null || runs.stream().noneMatch(r -> foundNothingToDo(r, workCounts)) || !DeltaTable.isDeltaTable(spark, tables.runs())) {
            return runs;
        }
        RunRecord first = runs.get(0);
        Map<String, RunRecord> earlier = new HashMap<>();
        for (Row row : read(spark, tables).where(col("run_id").equalTo(first.runId()).and(col("step").equalTo(first.step()))
                .and(col("status").equalTo(RunRecord.SUCCEEDED))).collectAsList()) {
            RunRecord stored = record(row);
            earlier.put(stored.source(), stored);
        }
        return runs.stream().map(r -> foundNothingToDo(r, workCounts) && earlier.containsKey(r.source()) ? rerun(earlier.get(r.source())) : r)
                .toList();
    }

    private static boolean foundNothingToDo(RunRecord run, List<String> workCounts) {
        return run.status().equals(RunRecord.SUCCEEDED) && workCounts.stream().allMatch(k -> run.counts().getOrDefault(k, 0L) == 0L);
    }

    private static RunRecord rerun(RunRecord earlier) {
        Map<String, Long> counts = new TreeMap<>(earlier.counts());
        counts.merge(RERUNS, 1L, Long::sum);
        return new RunRecord(earlier.runId(), earlier.step(), earlier.source(), earlier.status(), earlier.startedAt(), earlier.finishedAt(),
                earlier.rowsRead(), earlier.rowsAccepted(), earlier.rowsQuarantined(), counts, earlier.warnings(), earlier.message());
    }

    private static RunRecord record(Row row) {
        return new RunRecord(row.getAs("run_id"), row.getAs("step"), row.getAs("source"), row.getAs("status"),
                row.<Timestamp>getAs("started_at").toInstant(), row.<Timestamp>getAs("finished_at").toInstant(),
                row.<Long>getAs("rows_read"), row.<Long>getAs("rows_accepted"), row.<Long>getAs("rows_quarantined"),
                row.<String, Long>getJavaMap(row.fieldIndex("counts")), row.<String>getList(row.fieldIndex("warnings")), row.getAs("message"));
    }

    private static Row row(RunRecord run) {
        return RowFactory.create(run.runId(), run.step(), run.source(), run.status(),
                Timestamp.from(run.startedAt()), Timestamp.from(run.finishedAt()),
                run.rowsRead(), run.rowsAccepted(), run.rowsQuarantined(),
                CollectionConverters.asScala(run.counts()), CollectionConverters.asScala(run.warnings()).toSeq(), run.message());
    }

    public static Dataset<Row> read(SparkSession spark, HubTables tables) {
        return spark.read().format("delta").load(tables.runs());
    }

    /**
     * Runs whose output a step has not taken in yet: {@code runIds} holds the current run and every
     * run whose upstream step succeeded and finished after the last successful start of the step (a
     * night where it failed or was skipped). {@code erased}: one of them ran an erasure (forget);
     * {@code matchedEveryRecord}: one of their matches rescored every record (a new model or
     * blocking rules), so nothing earlier can be kept.
     */
    public record PendingRuns(Set<String> runIds, boolean erased, boolean matchedEveryRecord) {

        /** Whether the step must recompute everything rather than what these runs touched. */
        public boolean needsFullRebuild() {
            return erased || matchedEveryRecord;
        }
    }

    /**
     * The runs a step has to take in (see {@link PendingRuns}), reading {@code runs} once. Empty,
     * meaning the step must recompute everything, when there is no {@code runs} table or no
     * successful run of {@code step} is recorded.
     */
    public static Optional<PendingRuns> pendingRuns(SparkSession spark, HubTables tables, String step, String runId,
            Collection<String> upstreamSteps) {
        if (!DeltaTable.isDeltaTable(spark, tables.runs())) {
            return Optional.empty();
        }
        Dataset<Row> succeeded = read(spark, tables).where(col("status").equalTo(RunRecord.SUCCEEDED)).cache();
        try {
            Timestamp lastStart = succeeded.where(col("step").equalTo(step)).agg(max("started_at")).first().getTimestamp(0);
            if (lastStart == null) {
                return Optional.empty();
            }
            Set<String> runs = new TreeSet<>(Set.of(runId));
            boolean erased = false;
            for (Row row : succeeded.where(col("step").isin(upstreamSteps.toArray()).and(col("finished_at").geq(lastStart)))
                    .select("run_id", "step").collectAsList()) {
                runs.add(row.getString(0));
                erased |= row.getString(1).equals("forget");
            }
            // Their matches, this run's own included (it may have ended before an earlier attempt of the step).
            boolean matchedEveryRecord = false;
            if (upstreamSteps.contains("match")) {
                for (Row row : succeeded.where(col("step").equalTo("match").and(col("run_id").isin(runs.toArray())))
                        .select("rows_read", "counts").collectAsList()) {
                    Long compared = row.<String, Long>getJavaMap(1).get("compared_records");
                    matchedEveryRecord |= compared == null || compared >= row.getLong(0);
                }
            }
            return Optional.of(new PendingRuns(runs, erased, matchedEveryRecord));
        } finally {
            succeeded.unpersist();
        }
    }
}
