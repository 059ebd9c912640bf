package io.customerhub.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.match.ModelStore;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.cluster.Link;
import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.model.Trainer;
import io.customerhub.matching.model.TrainingData;
import io.customerhub.matching.model.TrainingResult;
import io.customerhub.matching.settings.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains the model on the current records without labels: u from random record pairs, m and the
 * match share by expectation-maximisation over the blocked candidate pairs; steward decisions, when
 * there are any, are used as labels too. Saves the result as a new version in {@code models}.
 */
public final class TrainAction {

    /** What was trained on and the new version. */
    public record Result(String version, long randomPairs, long blockedPairs, long labelledPairs, int iterations,
                         boolean converged, double blockedMatchShare, boolean promoted) {
    }

    /** Random pairs sampled to estimate u: enough for rare levels, cheap to compare. */
    static final int RANDOM_SAMPLE_RECORDS = 1500;

    private static final StructType PAIR_SCHEMA = new StructType()
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false);

    private final SparkSession spark;
    private final HubTables tables;
    private final String runId;
    private final int maxBlockSize;
    private final boolean promote;

    public TrainAction(SparkSession spark, HubTables tables, String runId, int maxBlockSize, boolean promote) {
        this.spark = spark;
        this.tables = tables;
        this.runId = runId;
        this.maxBlockSize = maxBlockSize;
        this.promote = promote;
    }

    public Result execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("train", "train the model for run " + runId, false);
        try {
            Settings base = ModelStore.current(spark, tables, null);
            Dataset<Row> current = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                    .withColumn("changed", lit(true)).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long n = current.count();
                if (n < 2) {
                    throw HubException.of("too few records to train on (" + n + ")", "training compares pairs of current records",
                            "run ingest and standardize first");
                }
                double fraction = Math.min(1.0, (double) RANDOM_SAMPLE_RECORDS / n);
                Dataset<Row> sample = current.sample(false, fraction, 42).select("record_key");
                Dataset<Row> randomPairs = sample.as("a").crossJoin(sample.as("b"))
                        .where(col("a.record_key").lt(col("b.record_key")))
                        .select(col("a.record_key").as("left_key"), col("b.record_key").as("right_key"));
                Dataset<Row> keys = MatchAction.blockingKeys(current, base);
                Dataset<Row> blockedPairs = MatchAction.candidatePairs(keys, n, maxBlockSize, base, new TreeMap<>(), new TreeMap<>())
                        .select("left_key", "right_key");
                StewardDecisions.Active steward = StewardDecisions.active(spark, tables);

                Map<String, Long> random = patterns(randomPairs, current, base);
                Map<String, Long> blocked = patterns(blockedPairs, current, base);
                Map<String, Long> matches = patterns(asPairs(steward.mustLinks()), current, base);
                Map<String, Long> nonMatches = patterns(asPairs(steward.cannotLinks()), current, base);
                TrainingResult trained = Trainer.train(base, new TrainingData(random, blocked, matches, nonMatches, n * (n - 1) / 2));
                ModelStore.save(spark, tables, trained.settings(), runId, promote);
                Result result = new Result(trained.settings().version(), total(random), total(blocked), total(matches) + total(nonMatches),
                        trained.iterations(), trained.converged(), trained.blockedMatchShare(), promote);
                RunsTable.upsert(spark, tables, runRecord(result, n, started));
                return result;
            } finally {
                current.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** Counts of comparison vectors over the pairs: small, whatever the number of pairs. */
    private static Map<String, Long> patterns(Dataset<Row> pairs, Dataset<Row> current, Settings settings) {
        String json = settings.toJson();
        Dataset<Row> side = current.drop("changed");
        String[] columns = side.columns();
        Dataset<Row> joined = pairs
                .join(side.toDF(RecordsTable.prefixed("l_", columns)), col("left_key").equalTo(col("l_record_key")))
                .join(side.toDF(RecordsTable.prefixed("r_", columns)), col("right_key").equalTo(col("r_record_key")));
        Dataset<String> gammas = joined.mapPartitions((MapPartitionsFunction<Row, String>) rows -> {
            FellegiSunterModel model = FellegiSunterModel.compile(Settings.fromJson(json));
            List<String> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                out.add(ScoredPair.gammaString(model.gamma(PreparedRecord.of(RecordsTable.fromRow(row, "l_")),
                        PreparedRecord.of(RecordsTable.fromRow(row, "r_")))));
            }
            return out.iterator();
        }, Encoders.STRING());
        Map<String, Long> counts = new HashMap<>();
        for (Row row : gammas.groupBy("value").agg(count(lit(1))).collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    private Dataset<Row> asPairs(List<Link> links) {
        List<Row> rows = links.stream().map(l -> RowFactory.create(l.left(), l.right())).toList();
        return spark.createDataFrame(rows, PAIR_SCHEMA);
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private RunRecord runRecord(Result r, long records, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("random_pairs", r.randomPairs());
        counts.put("blocked_pairs", r.blockedPairs());
        counts.put("labelled_pairs", r.labelledPairs());
        counts.put("em_iterations", (long) r.iterations());
        return new RunRecord(runId, "train", "*", RunRecord.SUCCEEDED, started, Instant.now(), records, records, 0, counts,
                r.converged() ? List.of() : List.of("EM did not converge within its iteration limit"),
                "model " + r.version() + (r.promoted() ? " (promoted)" : " (not promoted)"));
    }
}
