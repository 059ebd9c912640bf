package io.customerhub.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores the hub's clustering (the {@code xref} table: record -> golden id) against a truth file
 * (CSV with header {@code source_system,source_id,person_id}), joined on (source_system, source_id).
 *
 * <p>Everything is computed with aggregations over the contingency cells (golden_id, person_id) ->
 * records; only a handful of sums reach the driver, so it scales with the cluster, not the driver.
 * Records on one side only are counted, not scored (see {@link EvaluationResult}).
 */
public final class EvaluateAction {

    public static final List<String> TRUTH_COLUMNS = List.of("source_system", "source_id", "person_id");
    private static final String XREF = "xref";

    private EvaluateAction() {
    }

    /** Reads {@code <hub-root>/xref} and the truth CSV, then scores the one against the other. */
    public static EvaluationResult evaluate(SparkSession spark, HubTables tables, String truthPath) {
        return evaluate(readXref(spark, tables), readTruth(spark, truthPath));
    }

    /**
     * @param xref  columns source_system, source_id, golden_id (one row per record)
     * @param truth columns source_system, source_id, person_id (one row per record)
     */
    public static EvaluationResult evaluate(Dataset<Row> xref, Dataset<Row> truth) {
        long predictedRecords = requireOneRowPerRecord(xref.select("source_system", "source_id", "golden_id"), "golden_id",
                "the xref table", "the clustering step wrote a record twice or left a record without a golden id",
                "rerun `hub cluster` for this run id");
        long truthRecords = requireOneRowPerRecord(truth.select("source_system", "source_id", "person_id"), "person_id",
                "the truth file", "a record is listed twice or has an empty person_id",
                "give each (source_system, source_id) exactly one non-empty person_id");

        Dataset<Row> cells = xref.select("source_system", "source_id", "golden_id")
                .join(truth.select("source_system", "source_id", "person_id"), new String[] {"source_system", "source_id"})
                .groupBy("golden_id", "person_id").agg(count(lit(1)).as("n"))
                .cache();
        try {
            Dataset<Row> clusters = cells.groupBy("golden_id")
                    .agg(sum("n").as("a"), count(lit(1)).as("entities"));
            Dataset<Row> entities = cells.groupBy("person_id")
                    .agg(sum("n").as("b"), count(lit(1)).as("clusters"));

            Row clusterSums = clusters.agg(count(lit(1)), sum(pairs(col("a"))), sum(when(col("entities").geq(2), 1).otherwise(0)))
                    .first();
            Row entitySums = entities.agg(count(lit(1)), sum(pairs(col("b"))), sum(when(col("clusters").geq(2), 1).otherwise(0)))
                    .first();
            Row cellSums = cells.join(clusters.select("golden_id", "a"), "golden_id")
                    .join(entities.select("person_id", "b"), "person_id")
                    .agg(sum("n"), sum(pairs(col("n"))),
                            sum(col("n").multiply(col("n")).cast("double").divide(col("a"))),
                            sum(col("n").multiply(col("n")).cast("double").divide(col("b"))))
                    .first();

            ContingencySums sums = new ContingencySums(
                    longOrZero(cellSums, 0), clusterSums.getLong(0), entitySums.getLong(0),
                    longOrZero(clusterSums, 1), longOrZero(entitySums, 1), longOrZero(cellSums, 1),
                    doubleOrZero(cellSums, 2), doubleOrZero(cellSums, 3),
                    longOrZero(clusterSums, 2), longOrZero(entitySums, 2));
            long labelledPairs = longOrZero(truth.groupBy("person_id").agg(count(lit(1)).as("b"))
                    .agg(sum(pairs(col("b")))).first(), 0);
            return new EvaluationResult(predictedRecords, truthRecords, predictedRecords - sums.records(),
                    truthRecords - sums.records(), labelledPairs, ClusteringMetrics.of(sums));
        } finally {
            cells.unpersist();
        }
    }

    public static Dataset<Row> readXref(SparkSession spark, HubTables tables) {
        String path = tables.table(XREF);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            throw HubException.of("no xref table under " + tables.root(), "the clustering step has not run against this hub root",
                    "run `hub ingest`, `hub standardize`, `hub match` and `hub cluster` first, with the same --hub-root");
        }
        return spark.read().format("delta").load(path);
    }

    /**
     * The truth CSV, every column as text, without rows that have no source id and without repeated
     * identical rows; fails with a fix when the header lacks a required column.
     */
    public static Dataset<Row> readTruth(SparkSession spark, String truthPath) {
        Dataset<Row> truth;
        try {
            truth = spark.read().option("header", "true").option("inferSchema", "false").csv(truthPath);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw HubException.of("cannot read the truth file " + truthPath, "it does not exist or is not readable",
                        "pass --truth with the path of a CSV file such as the demo generator's truth.csv", e);
            }
            throw e;
        }
        List<String> columns = Arrays.asList(truth.columns());
        if (!columns.containsAll(TRUTH_COLUMNS)) {
            throw HubException.of("the truth file " + truthPath + " lacks a required column",
                    "its header is " + columns + " but must name " + TRUTH_COLUMNS,
                    "write a CSV whose first line is source_system,source_id,person_id (as the demo generator's truth.csv)");
        }
        // A row without a source id can never become a hub record (ingest quarantines it), and a
        // repeated identical row (a duplicated-id extract row of the same person) says nothing new.
        return truth.select(TRUTH_COLUMNS.stream().map(c -> trim(col(c)).as(c)).toArray(Column[]::new))
                .where(col("source_id").isNotNull().and(col("source_id").notEqual("")))
                .distinct();
    }

    /** One pass: counts rows and checks each (source_system, source_id) appears once with a non-blank label. */
    private static long requireOneRowPerRecord(Dataset<Row> table, String label, String what, String cause, String fix) {
        Row row = table.agg(count(lit(1)), countDistinct(col("source_system"), col("source_id")),
                sum(when(col("source_system").isNull().or(col("source_id").isNull()), 1).otherwise(0)),
                sum(when(col(label).isNull().or(trim(col(label)).equalTo("")), 1).otherwise(0))).first();
        long rows = row.getLong(0);
        long distinctKeys = row.getLong(1);
        long rowsWithoutKey = longOrZero(row, 2);
        long rowsWithoutLabel = longOrZero(row, 3);
        long duplicates = rows - rowsWithoutKey - distinctKeys;
        if (rowsWithoutKey > 0 || rowsWithoutLabel > 0 || duplicates > 0) {
            throw HubException.of(what + " does not hold exactly one " + label + " per record",
                    duplicates + " repeated (source_system, source_id) rows, " + rowsWithoutKey + " rows without a key, "
                            + rowsWithoutLabel + " rows without a " + label + "; " + cause,
                    fix);
        }
        return rows;
    }

    /** C(n, 2); n(n-1) is even, so the division is exact (as a double up to n of about 10^8). */
    private static Column pairs(Column n) {
        return n.multiply(n.minus(1)).divide(2).cast("long");
    }

    private static long longOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
    }

    private static double doubleOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : ((Number) row.get(i)).doubleValue();
    }
}
