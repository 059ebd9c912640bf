package io.customerhub.jobs.review;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.model.ScoredPair;
import io.customerhub.matching.model.Waterfall;
import io.customerhub.matching.settings.Settings;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.storage.StorageLevel;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Rebuilds {@code review_queue} after clustering: the REVIEW pairs (probability between the
 * thresholds) of current records, and suspicious clusters (conflicting customer numbers, mostly weak
 * links, very large), each with its priority and explanation. An item already answered by an active
 * steward decision on the same record versions stays decided; once one of its records changes, it is
 * asked again. Counts go to {@code runs} (step "review"): examined = open + decided, per kind.
 *
 * <p>Incremental: an item depends only on its records' versions, their golden ids and cluster
 * sizes ({@code xref}), the pairs scored between them and the steward decisions on it. So only
 * the items touching a record that a run since the last review build added, changed or retired,
 * or whose {@code xref} row it (re)assigned, or that a steward decision names, are built again;
 * the others are kept as they are (their {@code run_id} stays the run that built them). The whole
 * queue is rebuilt when there is no queue yet, its suspicion rules differ from those it was built
 * with (table property {@value #SETTINGS_PROPERTY}), one of those runs matched every record (a new
 * model rescores every pair) or erased records, or more than {@value #MAX_INCREMENTAL_RECORDS}
 * records changed. Both ways give the same items; the {@code runs} message says which one ran.
 */
public final class ReviewBuildAction {

    /** Settings of the review step. */
    public record Options(HubTables tables, String runId, ReviewItems.Suspicion suspicion) {
    }

    /** Counts of one build. */
    public record Result(long pairsOpen, long pairsDecided, long clustersOpen, long clustersDecided, long clustersExamined) {
        public long open() {
            return pairsOpen + clustersOpen;
        }

        public long decided() {
            return pairsDecided + clustersDecided;
        }
    }

    /** Table property of {@code review_queue}: the rules its items were built with; others mean rebuild every item. */
    static final String SETTINGS_PROPERTY = "customerhub.review.settings";

    /** Part of the settings fingerprint: bump it when a release changes what an item holds for the same tables. */
    static final String REVIEW_REVISION = "1";

    /** Beyond this many changed records a night is rebuilt in full: the changed keys are shipped to every task. */
    static final int MAX_INCREMENTAL_RECORDS = 500_000;

    /** What an incremental build rebuilds: items naming these records, clusters or item ids. */
    private record Scope(Set<String> recordKeys, Set<String> goldenIds, Set<String> itemIds) implements java.io.Serializable {
    }

    private final SparkSession spark;
    private final Options options;
    private final boolean forceFull;

    public ReviewBuildAction(SparkSession spark, Options options) {
        this(spark, options, false);
    }

    /** {@code forceFull}: rebuild every item even when an incremental build would do (tests compare both). */
    ReviewBuildAction(SparkSession spark, Options options, boolean forceFull) {
        this.spark = spark;
        this.options = options;
        this.forceFull = forceFull;
    }

    public Result execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("review", "build the review queue for run " + options.runId(), false);
        try {
            HubTables tables = options.tables();
            for (String needed : List.of(tables.records(), tables.pairs(), tables.xref())) {
                if (!DeltaTable.isDeltaTable(spark, needed)) {
                    throw HubException.of("cannot build the review queue: " + needed + " is missing",
                            "the review step reads records, pairs and xref", "run standardize, match and cluster first");
                }
            }
            Dataset<Row> records = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                    .select("record_key", "source_system", "source_id", "last_changed_run", "customer_numbers");
            Dataset<Row> xref = spark.read().format("delta").load(tables.xref()).select("record_key", "golden_id", "cluster_size");
            Dataset<Row> pairs = spark.read().format("delta").load(tables.pairs());
            // Decisions are made one at a time by people: a small map, shipped to the tasks.
            HashMap<String, String> decided = new HashMap<>();
            StewardDecisions.activeByItemAndVersions(spark, tables).forEach((key, d) -> decided.put(key, d.decisionId()));
            String fingerprint = settingsFingerprint();
            Optional<Scope> scope = incrementalRuns(fingerprint).flatMap(this::scope);

            Dataset<Row> clusters;
            Dataset<Row> items;
            if (scope.isEmpty()) {
                clusters = clusterSignals(pairs, records, xref).persist(StorageLevel.MEMORY_AND_DISK());
                items = pairItems(pairs, records, xref, decided).unionByName(clusterItems(clusters, decided));
            } else {
                Scope s = scope.get();
                Dataset<Row> ids = broadcast(spark.createDataset(new ArrayList<>(s.goldenIds()), Encoders.STRING()).toDF("golden_id"));
                Dataset<Row> touched = pairs.where(col("decision").equalTo("REVIEW"))
                        .filter((FilterFunction<Row>) r -> s.recordKeys().contains(r.<String>getAs("left_key"))
                                || s.recordKeys().contains(r.<String>getAs("right_key")));
                // The clusters holding a changed record: their members and links only.
                Dataset<Row> clusterXref = broadcast(xref.join(ids, new String[] {"golden_id"}, "left_semi"));
                clusters = clusterSignals(pairs, records, clusterXref).persist(StorageLevel.MEMORY_AND_DISK());
                Dataset<Row> kept = ReviewQueue.read(spark, tables).filter((FilterFunction<Row>) r -> !rebuilt(r, s));
                items = kept.unionByName(pairItems(touched, records, xref, decided)).unionByName(clusterItems(clusters, decided));
            }
            items = items.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long clustersExamined = scope.isEmpty() ? clusters.count() : multiRecordClusters(xref);
                Map<String, Long> counts = new TreeMap<>();
                for (Row row : items.groupBy("kind", "status").agg(count(lit(1))).collectAsList()) {
                    counts.put(row.getString(0) + "." + row.getString(1), row.getLong(2));
                }
                ReviewQueue.replace(spark, tables, items);
                DeltaTableProperties.set(spark, tables.reviewQueue(), SETTINGS_PROPERTY, fingerprint);
                Result result = new Result(counts.getOrDefault("pair.open", 0L), counts.getOrDefault("pair.decided", 0L),
                        counts.getOrDefault("cluster.open", 0L), counts.getOrDefault("cluster.decided", 0L), clustersExamined);
                String mode = scope.map(s -> "incremental: items of " + s.recordKeys().size() + " changed or reassigned records and "
                        + s.goldenIds().size() + " clusters rebuilt").orElse("full: every item rebuilt");
                RunsTable.upsert(spark, tables, runRecord(result, mode, started));
                return result;
            } finally {
                items.unpersist();
                clusters.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** True when the kept queue row must be built again: it names a changed record, cluster or decided item. */
    private static boolean rebuilt(Row item, Scope scope) {
        if (scope.itemIds().contains(item.<String>getAs("item_id"))) {
            return true;
        }
        if (ReviewItems.PAIR.equals(item.getAs("kind"))) {
            return scope.recordKeys().contains(item.<String>getAs("left_key")) || scope.recordKeys().contains(item.<String>getAs("right_key"));
        }
        if (scope.goldenIds().contains(item.<String>getAs("golden_id"))) {
            return true;
        }
        for (String key : item.<String, String>getJavaMap(item.fieldIndex("record_versions")).keySet()) {
            if (scope.recordKeys().contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Clusters of two or more records in {@code xref}: the clusters a build examines. */
    private static long multiRecordClusters(Dataset<Row> xref) {
        long clusters = 0;
        for (Row row : xref.where(col("cluster_size").geq(2)).groupBy("cluster_size").agg(count(lit(1))).collectAsList()) {
            clusters += row.getLong(1) / row.getInt(0);
        }
        return clusters;
    }

    /**
     * The runs whose changes this build must take in when it can work incrementally: this run and
     * any run whose standardize, match or cluster step finished after the last review build that
     * succeeded started. Empty, meaning rebuild every item, when there is no queue yet, it was built
     * with other rules, no review build is recorded, or one of those runs erased records or matched
     * every record.
     */
    private Optional<Set<String>> incrementalRuns(String fingerprint) {
        HubTables tables = options.tables();
        if (forceFull || !ReviewQueue.exists(spark, tables)
                || !fingerprint.equals(DeltaTableProperties.of(spark, tables.reviewQueue()).get(SETTINGS_PROPERTY))) {
            return Optional.empty();
        }
        return RunsTable.pendingRuns(spark, tables, "review", options.runId(), List.of("standardize", "match", "cluster", "forget"))
                .filter(pending -> !pending.needsFullRebuild()).map(RunsTable.PendingRuns::runIds);
    }

    /**
     * Records the runs added, changed or retired (standardize stamps them), records whose xref row
     * they (re)assigned (cluster stamps a row whose golden id or cluster size changed), and the
     * records and items of every steward decision, made or undone; with the clusters now holding
     * those records. Empty (rebuild every item) when too many records changed.
     */
    private Optional<Scope> scope(Set<String> runs) {
        HubTables tables = options.tables();
        Object[] runIds = runs.toArray();
        Set<String> keys = new HashSet<>();
        Dataset<Row> changed = spark.read().format("delta").load(tables.records()).where(col("last_changed_run").isin(runIds)).select("record_key")
                .union(spark.read().format("delta").load(tables.xref()).where(col("assigned_run").isin(runIds)).select("record_key"));
        for (Row row : changed.limit(MAX_INCREMENTAL_RECORDS + 1).collectAsList()) {
            keys.add(row.getString(0));
        }
        Set<String> itemIds = new HashSet<>();
        if (DeltaTable.isDeltaTable(spark, tables.stewardDecisions())) {
            // Decisions are made by people one at a time: a small table, safe to collect.
            Dataset<Row> decisions = spark.read().format("delta").load(tables.stewardDecisions());
            // A table from before items were answered has no item_id column: its decisions name records only.
            org.apache.spark.sql.Column item = List.of(decisions.columns()).contains("item_id") ? col("item_id") : lit(null).cast("string");
            for (Row row : decisions.select(col("left_key"), col("right_key"), item).collectAsList()) {
                keys.add(row.getString(0));
                keys.add(row.getString(1));
                if (!row.isNullAt(2)) {
                    itemIds.add(row.getString(2));
                }
            }
        }
        if (keys.size() > MAX_INCREMENTAL_RECORDS) {
            return Optional.empty();
        }
        Set<String> goldenIds = new HashSet<>();
        for (Row row : spark.read().format("delta").load(tables.xref())
                .join(broadcast(spark.createDataset(new ArrayList<>(keys), Encoders.STRING()).toDF("record_key")), "record_key")
                .select("golden_id").distinct().collectAsList()) {
            goldenIds.add(row.getString(0));
        }
        return Optional.of(new Scope(keys, goldenIds, itemIds));
    }

    private String settingsFingerprint() {
        ReviewItems.Suspicion rules = options.suspicion();
        return "revision=" + REVIEW_REVISION + ";large=" + rules.largeClusterSize() + ";weak_probability=" + rules.weakLinkProbability()
                + ";min_weak=" + rules.minWeakLinks();
    }

    private Dataset<Row> pairItems(Dataset<Row> pairs, Dataset<Row> records, Dataset<Row> xref, HashMap<String, String> decided) {
        Dataset<Row> side = records.join(xref, new String[] {"record_key"}, "left").select("record_key", "source_system", "source_id",
                "last_changed_run", "golden_id", "cluster_size");
        Dataset<Row> review = pairs.where(col("decision").equalTo("REVIEW"))
                .select("left_key", "right_key", "gamma", "term_frequencies", "probability", "model_version")
                .join(side.toDF(prefixed("l_", side.columns())), col("left_key").equalTo(col("l_record_key")))
                .join(side.toDF(prefixed("r_", side.columns())), col("right_key").equalTo(col("r_record_key")));
        HashMap<String, String> settings = settingsByVersion();
        String runId = options.runId();
        return review.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            // Compiled once per model version and task: compiling per pair took most of this step's time.
            Map<String, FellegiSunterModel> compiled = new HashMap<>();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                String left = r.getAs("left_key");
                String right = r.getAs("right_key");
                Map<String, String> versions = new TreeMap<>(Map.of(left, r.getAs("l_last_changed_run"), right, r.getAs("r_last_changed_run")));
                String itemId = ReviewItems.pairItemId(left, right);
                String decisionId = decided.get(itemId + "\u0000" + ReviewItems.fingerprint(versions));
                double p = r.getAs("probability");
                String leftGolden = r.getAs("l_golden_id");
                boolean same = leftGolden != null && leftGolden.equals(r.getAs("r_golden_id"));
                int affected = same ? size(r, "l_cluster_size") : size(r, "l_cluster_size") + size(r, "r_cluster_size");
                String version = r.getAs("model_version");
                String json = settings.get(version);
                String explanation = json == null ? null
                        : waterfallJson(compiled.computeIfAbsent(version, v -> FellegiSunterModel.compile(Settings.fromJson(json))),
                                r.getAs("gamma"), r.getList(r.fieldIndex("term_frequencies")));
                out.add(RowFactory.create(itemId, ReviewItems.PAIR, ReviewItems.pairPriority(p, same, affected),
                        decisionId == null ? ReviewItems.OPEN : ReviewItems.DECIDED,
                        left, r.getAs("l_source_system"), r.getAs("l_source_id"), right, r.getAs("r_source_system"), r.getAs("r_source_id"),
                        null, null, p, seq(List.of(ReviewItems.REVIEW_BAND)), explanation, version,
                        CollectionConverters.asScala(versions), decisionId, runId));
            }
            return out.iterator();
        }, ExpressionEncoder.apply(ReviewQueue.SCHEMA));
    }

    /** Per cluster of two or more records: size, member versions, conflicting issuers, links and weak links. */
    private Dataset<Row> clusterSignals(Dataset<Row> pairs, Dataset<Row> records, Dataset<Row> xref) {
        Dataset<Row> members = xref.where(col("cluster_size").geq(2)).join(records, "record_key");
        Dataset<Row> conflicts = members.select(col("golden_id"), explode(col("customer_numbers")).as("number"))
                .withColumn("namespace", org.apache.spark.sql.functions.substring_index(col("number"), ":", 1))
                .groupBy("golden_id", "namespace").agg(countDistinct("number").as("values"))
                .where(col("values").gt(1)).groupBy("golden_id").agg(collect_set("namespace").as("conflicting"));
        ReviewItems.Suspicion rules = options.suspicion();
        Dataset<Row> golden = xref.select("record_key", "golden_id");
        Dataset<Row> links = pairs.where(col("decision").equalTo("LINK"))
                .join(golden.toDF("left_key", "l_golden"), "left_key")
                .join(golden.toDF("right_key", "r_golden"), "right_key")
                .where(col("l_golden").equalTo(col("r_golden")))
                .groupBy(col("l_golden").as("golden_id"))
                .agg(count(lit(1)).as("links"),
                        sum(when(col("deterministic").equalTo(false).and(col("probability").lt(rules.weakLinkProbability())), 1).otherwise(0)).as("weak"),
                        min("probability").as("weakest"));
        return members.groupBy("golden_id")
                .agg(count(lit(1)).as("size"), map_from_entries(collect_list(struct("record_key", "last_changed_run"))).as("versions"))
                .join(conflicts, new String[] {"golden_id"}, "left")
                .join(links, new String[] {"golden_id"}, "left");
    }

    private Dataset<Row> clusterItems(Dataset<Row> clusters, HashMap<String, String> decided) {
        ReviewItems.Suspicion rules = options.suspicion();
        String runId = options.runId();
        return clusters.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                List<String> conflicting = r.isNullAt(r.fieldIndex("conflicting")) ? List.of()
                        : new ArrayList<>(r.<String>getList(r.fieldIndex("conflicting"))).stream().sorted().toList();
                int size = (int) r.getLong(r.fieldIndex("size"));
                ReviewItems.ClusterSignals signals = new ReviewItems.ClusterSignals(size, conflicting,
                        r.isNullAt(r.fieldIndex("links")) ? 0 : r.<Long>getAs("links"), r.isNullAt(r.fieldIndex("weak")) ? 0 : r.<Long>getAs("weak"),
                        r.isNullAt(r.fieldIndex("weakest")) ? Double.NaN : r.<Double>getAs("weakest"));
                List<String> reasons = ReviewItems.suspicions(signals, rules);
                if (reasons.isEmpty()) {
                    continue;
                }
                String goldenId = r.getAs("golden_id");
                Map<String, String> versions = new TreeMap<>(r.getJavaMap(r.fieldIndex("versions")));
                String itemId = ReviewItems.clusterItemId(goldenId);
                String decisionId = decided.get(itemId + "\u0000" + ReviewItems.fingerprint(versions));
                Map<String, Object> explanation = new LinkedHashMap<>();
                explanation.put("size", size);
                explanation.put("conflicting_identifiers", conflicting);
                explanation.put("links", signals.links());
                explanation.put("weak_links", signals.weakLinks());
                explanation.put("weakest_link", Double.isNaN(signals.weakestLink()) ? null : signals.weakestLink());
                out.add(RowFactory.create(itemId, ReviewItems.CLUSTER, ReviewItems.clusterPriority(size, reasons),
                        decisionId == null ? ReviewItems.OPEN : ReviewItems.DECIDED, null, null, null, null, null, null,
                        goldenId, size, null, seq(reasons), Explanations.MAPPER.writeValueAsString(explanation), null,
                        CollectionConverters.asScala(versions), decisionId, runId));
            }
            return out.iterator();
        }, ExpressionEncoder.apply(ReviewQueue.SCHEMA));
    }

    /** Settings JSON of every saved model version, and of the shipped defaults: the waterfall needs the scoring version. */
    private HashMap<String, String> settingsByVersion() {
        HashMap<String, String> out = new HashMap<>();
        Settings defaults = Settings.defaults();
        out.put(defaults.version(), defaults.toJson());
        if (DeltaTable.isDeltaTable(spark, options.tables().models())) {
            for (Row row : spark.read().format("delta").load(options.tables().models()).select("version", "settings_json").collectAsList()) {
                out.put(row.getString(0), row.getString(1));
            }
        }
        return out;
    }

    static String waterfallJson(FellegiSunterModel model, String gamma, List<Double> termFrequencies) throws java.io.IOException {
        double[] tf = new double[termFrequencies.size()];
        for (int i = 0; i < tf.length; i++) {
            Double v = termFrequencies.get(i);
            tf[i] = v == null ? Double.NaN : v;
        }
        return Explanations.MAPPER.writeValueAsString(Waterfall.rebuild(model, ScoredPair.parseGamma(gamma), tf));
    }

    private static int size(Row row, String column) {
        Integer size = row.getAs(column);
        return size == null ? 1 : size;
    }

    private static scala.collection.immutable.Seq<String> seq(List<String> values) {
        return CollectionConverters.asScala(values).toSeq();
    }

    private static String[] prefixed(String prefix, String[] columns) {
        return io.customerhub.jobs.table.RecordsTable.prefixed(prefix, columns);
    }

    private RunRecord runRecord(Result r, String mode, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("pairs.open", r.pairsOpen());
        counts.put("pairs.decided", r.pairsDecided());
        counts.put("clusters.examined", r.clustersExamined());
        counts.put("clusters.open", r.clustersOpen());
        counts.put("clusters.decided", r.clustersDecided());
        long queued = r.open() + r.decided();
        return new RunRecord(options.runId(), "review", "*", RunRecord.SUCCEEDED, started, Instant.now(), queued, queued, 0, counts,
                List.of(), r.open() + " open, " + r.decided() + " already decided; " + mode);
    }
}
