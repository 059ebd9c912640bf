package io.customerhub.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.match.ModelStore;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.jobs.train.PromotionChecks.Confusion;
import io.customerhub.jobs.train.PromotionChecks.Drift;
import io.customerhub.jobs.train.PromotionChecks.GammaPair;
import io.customerhub.jobs.train.PromotionChecks.Verdict;
import io.customerhub.matching.cluster.Link;
import io.customerhub.matching.compare.PreparedRecord;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.settings.Settings;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
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
 * The promotion gate of a trained model: compares a candidate version with the model the nightly
 * run uses now (the last promoted one trained before it, else the shipped defaults), on steward
 * labels when there are enough and otherwise label-free (sane m/u, little drift of the LINK
 * decisions on a fixed sample of blocked pairs), promotes the candidate only when it is not worse
 * (or always, when asked), and records the verdict with its reasons in {@code runs} (step
 * {@value #STEP}). Production has no ground truth, so {@code hub evaluate} cannot be this gate.
 *
 * <p>Decisions are compared per comparison vector, by thresholds and without term-frequency
 * adjustments or the deterministic identifier rules: the rules do not depend on the model, and a
 * vector-level comparison keeps the work to one pass over the pairs.
 */
public final class ModelPromotion {

    public static final String STEP = "promote_model";

    /** Settings of the gate. {@code candidateVersion} null: the model trained last under {@code runId}. */
    public record Options(HubTables tables, String runId, String candidateVersion, boolean onlyIfNotWorse, long samplePairs,
                          PromotionChecks.Limits limits) {
        public static final long DEFAULT_SAMPLE_PAIRS = 20_000;
    }

    /** What was compared and decided. */
    public record Result(String candidateVersion, String baselineVersion, Verdict verdict, boolean promoted, Drift drift,
                         Confusion baselineLabelled, Confusion candidateLabelled) {
    }

    private static final StructType LABELLED_SCHEMA = new StructType()
            .add("left_key", DataTypes.StringType, false)
            .add("right_key", DataTypes.StringType, false)
            .add("tag", DataTypes.StringType, false);
    private static final String SAMPLE = "sample";
    private static final String MUST = "must";
    private static final String CANNOT = "cannot";
    private static final long HASH_BUCKETS = 1_000_000L;

    private final SparkSession spark;
    private final Options options;

    public ModelPromotion(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
    }

    public Result execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup(STEP, "compare and promote a model for run " + options.runId(), false);
        try {
            HubTables tables = options.tables();
            Row candidateRow = candidateRow();
            Settings candidate = Settings.fromJson(candidateRow.getAs("settings_json"));
            Settings baseline = baseline(candidateRow.getAs("trained_at"), candidate.version());

            Dataset<Row> current = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Map<String, Map<GammaPair, Long>> gammas = jointGammas(sampleOfBlockedPairs().unionByName(labelledPairs()),
                        current, baseline, candidate);
                Drift drift = PromotionChecks.drift(baseline, candidate, gammas.getOrDefault(SAMPLE, Map.of()));
                Map<GammaPair, Long> must = gammas.getOrDefault(MUST, Map.of());
                Map<GammaPair, Long> cannot = gammas.getOrDefault(CANNOT, Map.of());
                Confusion baseLabelled = PromotionChecks.confusion(baseline, side(must, true), side(cannot, true));
                Confusion candLabelled = PromotionChecks.confusion(candidate, side(must, false), side(cannot, false));
                Verdict verdict = PromotionChecks.verdict(PromotionChecks.degenerateLevels(candidate), drift, baseLabelled, candLabelled,
                        total(must), total(cannot), options.limits());

                boolean promote = verdict.notWorse() || !options.onlyIfNotWorse();
                if (promote) {
                    ModelStore.promote(spark, tables, candidate.version());
                }
                Result result = new Result(candidate.version(), baseline.version(), verdict, promote, drift, baseLabelled, candLabelled);
                RunsTable.upsert(spark, tables, runRecord(result, started));
                return result;
            } finally {
                current.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private Row candidateRow() {
        String models = options.tables().models();
        if (!DeltaTable.isDeltaTable(spark, models)) {
            throw HubException.of("there is no trained model to promote", "the models table does not exist yet",
                    "run `hub train --no-promote --run-id " + options.runId() + "` first");
        }
        Dataset<Row> table = spark.read().format("delta").load(models);
        Dataset<Row> chosen = options.candidateVersion() != null
                ? table.where(col("version").equalTo(options.candidateVersion()))
                : table.where(col("run_id").equalTo(options.runId()));
        List<Row> rows = chosen.orderBy(col("trained_at").desc()).limit(1).collectAsList();
        if (rows.isEmpty()) {
            throw HubException.of(options.candidateVersion() != null ? "model version " + options.candidateVersion() + " is not in the models table"
                            : "no model was trained in run " + options.runId(),
                    "promote-model compares a trained candidate with the current model",
                    "run `hub train --no-promote` with this --run-id, or pass --version of a trained model (`hub export` the models table to list them)");
        }
        return rows.get(0);
    }

    /** The model in use before the candidate: the last promoted one trained before it, else the defaults. */
    private Settings baseline(Timestamp candidateTrainedAt, String candidateVersion) {
        List<Row> rows = spark.read().format("delta").load(options.tables().models())
                .where(col("promoted").and(col("trained_at").lt(lit(candidateTrainedAt))).and(col("version").notEqual(candidateVersion)))
                .orderBy(col("trained_at").desc()).limit(1).collectAsList();
        return rows.isEmpty() ? Settings.defaults() : Settings.fromJson(rows.get(0).getAs("settings_json"));
    }

    /** A fixed sample of the blocked pairs (by a hash of the pair, so the same pairs week after week). */
    private Dataset<Row> sampleOfBlockedPairs() {
        String pairs = options.tables().pairs();
        if (!DeltaTable.isDeltaTable(spark, pairs)) {
            return spark.createDataFrame(List.of(), LABELLED_SCHEMA);
        }
        Dataset<Row> all = spark.read().format("delta").load(pairs).select("left_key", "right_key");
        long total = all.count();
        long buckets = total <= options.samplePairs() ? HASH_BUCKETS
                : Math.max(1, (long) Math.ceil((double) options.samplePairs() * HASH_BUCKETS / total));
        return all.where(pmod(xxhash64(col("left_key"), col("right_key")), lit(HASH_BUCKETS)).lt(buckets))
                .withColumn("tag", lit(SAMPLE));
    }

    /** Active steward decisions as labelled pairs. */
    private Dataset<Row> labelledPairs() {
        StewardDecisions.Active active = StewardDecisions.active(spark, options.tables());
        List<Row> rows = new ArrayList<>();
        for (Link l : active.mustLinks()) {
            rows.add(RowFactory.create(l.left(), l.right(), MUST));
        }
        for (Link l : active.cannotLinks()) {
            rows.add(RowFactory.create(l.left(), l.right(), CANNOT));
        }
        return spark.createDataFrame(rows, LABELLED_SCHEMA);
    }

    /** Counts of (baseline gamma, candidate gamma) by tag, over the pairs whose records are both current. */
    private static Map<String, Map<GammaPair, Long>> jointGammas(Dataset<Row> pairs, Dataset<Row> current, Settings baseline,
                                                                 Settings candidate) {
        String baselineJson = baseline.toJson();
        String candidateJson = candidate.toJson();
        String[] columns = current.columns();
        Dataset<Row> joined = pairs
                .join(current.toDF(RecordsTable.prefixed("l_", columns)), col("left_key").equalTo(col("l_record_key")))
                .join(current.toDF(RecordsTable.prefixed("r_", columns)), col("right_key").equalTo(col("r_record_key")));
        Dataset<String> keys = joined.mapPartitions((MapPartitionsFunction<Row, String>) rows -> {
            FellegiSunterModel b = FellegiSunterModel.compile(Settings.fromJson(baselineJson));
            FellegiSunterModel c = FellegiSunterModel.compile(Settings.fromJson(candidateJson));
            List<String> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                PreparedRecord left = PreparedRecord.of(RecordsTable.fromRow(row, "l_"));
                PreparedRecord right = PreparedRecord.of(RecordsTable.fromRow(row, "r_"));
                out.add(row.getAs("tag") + "|" + ScoredPair.gammaString(b.gamma(left, right)) + "|" + ScoredPair.gammaString(c.gamma(left, right)));
            }
            return out.iterator();
        }, Encoders.STRING());
        Map<String, Map<GammaPair, Long>> byTag = new HashMap<>();
        for (Row row : keys.groupBy("value").agg(count(lit(1))).collectAsList()) {
            String[] parts = row.getString(0).split("\\|", -1);
            byTag.computeIfAbsent(parts[0], t -> new HashMap<>()).put(new GammaPair(parts[1], parts[2]), row.getLong(1));
        }
        return byTag;
    }

    private static Map<String, Long> side(Map<GammaPair, Long> counts, boolean baseline) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((pair, n) -> out.merge(baseline ? pair.baseline() : pair.candidate(), n, Long::sum));
        return out;
    }

    private static long total(Map<GammaPair, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private RunRecord runRecord(Result r, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("sample_pairs", r.drift().pairs());
        counts.put("sample_link_flips", r.drift().linkFlips());
        counts.put("sample_review_changes", r.drift().reviewChanges());
        counts.put("sample_links_baseline", r.drift().baselineLinks());
        counts.put("sample_links_candidate", r.drift().candidateLinks());
        counts.put("labelled_pairs", r.baselineLabelled().total());
        putConfusion(counts, "baseline", r.baselineLabelled());
        putConfusion(counts, "candidate", r.candidateLabelled());
        counts.put("not_worse", r.verdict().notWorse() ? 1L : 0L);
        counts.put("promoted", r.promoted() ? 1L : 0L);
        long compared = r.drift().pairs() + r.baselineLabelled().total();
        String outcome = r.promoted()
                ? "model " + r.candidateVersion() + " promoted over " + r.baselineVersion()
                        + (r.verdict().notWorse() ? "" : " although WORSE (promotion forced)")
                : "model " + r.candidateVersion() + " NOT promoted: worse than " + r.baselineVersion() + ", which stays in use";
        return new RunRecord(options.runId(), STEP, "*", RunRecord.SUCCEEDED, started, Instant.now(), compared, compared, 0, counts,
                r.verdict().reasons(), outcome + " (" + r.verdict().basis().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")");
    }

    private static void putConfusion(Map<String, Long> counts, String prefix, Confusion c) {
        counts.put(prefix + "_true_links", c.truePositives());
        counts.put(prefix + "_false_links", c.falsePositives());
        counts.put(prefix + "_missed_links", c.falseNegatives());
    }
}
