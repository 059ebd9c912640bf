package io.customerhub.jobs.cluster;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.cluster.AffectedRecords;
import io.customerhub.matching.cluster.ConstrainedClustering;
import io.customerhub.matching.cluster.GoldenIdAssigner;
import io.customerhub.matching.cluster.GoldenIdEvent;
import io.customerhub.matching.cluster.Link;
import io.customerhub.matching.cluster.RefusedMerge;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Groups current records into clusters over LINK pairs and steward must-links, honouring
 * cannot-links and conflicting strong identifiers, then gives every cluster its persistent golden
 * id. Writes {@code golden_id_history} (events, merged so a rerun adds nothing) and then
 * {@code xref} (merged: only records whose id changed are rewritten). A record that leaves xref
 * (retired by its source) leaves its golden id in {@code retired_xref}, so that if it comes back the
 * id is revived rather than a new one minted.
 *
 * <p>Incremental by default: only the records connected (by links, must-links or a shared previous
 * golden id) to a record that the runs since the last clustering added, changed or retired, or
 * that a steward decision names, are clustered again ({@link AffectedRecords}); every other record
 * keeps its xref row, which is what a full rebuild would give it. Every record is clustered again
 * on a new hub, after other settings, an erasure, or a match that rescored every pair.
 *
 * <p>The graph is collected to the driver, guarded by {@code maxDriverRecords}: the link graph is a
 * small fraction of the pairs (one edge per duplicate) and a greedy, order-free union on one
 * machine is what makes the constraints exact. A hub beyond the guard must raise it with driver
 * memory (about 200 bytes per record).
 */
public final class ClusterAction {

    public static final StructType XREF_SCHEMA = new StructType()
            .add("record_key", DataTypes.StringType, false)
            .add("source_system", DataTypes.StringType, false)
            .add("source_id", DataTypes.StringType, false)
            .add("golden_id", DataTypes.StringType, false)
            .add("cluster_size", DataTypes.IntegerType, false)
            .add("assigned_run", DataTypes.StringType, false)
            .add("assigned_at", DataTypes.TimestampType, false);

    private static final String REMOVED = "removed";
    /** An xref row to write, or (removed) a record that is no longer current. */
    private static final StructType XREF_UPDATE_SCHEMA = XREF_SCHEMA.add(REMOVED, DataTypes.BooleanType, false);

    public static final StructType HISTORY_SCHEMA = new StructType()
            .add("golden_id", DataTypes.StringType, false)
            .add("event", DataTypes.StringType, false)
            .add("related_id", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, false)
            .add("at", DataTypes.TimestampType, false);

    /** The golden id each retired record held last: what a returning record gets back. */
    public static final StructType RETIRED_XREF_SCHEMA = new StructType()
            .add("record_key", DataTypes.StringType, false)
            .add("golden_id", DataTypes.StringType, false)
            .add("retired_run", DataTypes.StringType, false);

    /** Settings of the clustering step. */
    public record Options(HubTables tables, String runId, int maxClusterSize, long maxDriverRecords) {
        public static final int DEFAULT_MAX_CLUSTER_SIZE = 50;
        public static final long DEFAULT_MAX_DRIVER_RECORDS = 30_000_000L;
    }

    /** Xref table property: the settings the current clusters were made with; others mean cluster every record again. */
    static final String SETTINGS_PROPERTY = "customerhub.cluster.settings";

    /** Part of the settings fingerprint: bump it when a release changes what clustering gives for the same links. */
    static final String CLUSTERING_REVISION = "1";

    private final SparkSession spark;
    private final Options options;

    public ClusterAction(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
    }

    public ClusterResult execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("cluster", "cluster records for run " + options.runId(), false);
        try {
            HubTables tables = options.tables();
            List<Link> links = new ArrayList<>();
            for (Row row : spark.read().format("delta").load(tables.pairs()).where(col("decision").equalTo("LINK"))
                    .select("left_key", "right_key", "probability").collectAsList()) {
                links.add(new Link(row.getString(0), row.getString(1), row.getDouble(2)));
            }
            StewardDecisions.Active steward = StewardDecisions.active(spark, tables);
            Map<String, String> previous = new HashMap<>();
            Map<String, Integer> previousSizes = new HashMap<>();
            readPreviousXref(previous, previousSizes);
            // Incremental: only the components a change can reach are clustered again; the others keep their xref rows.
            Optional<Set<String>> scope = incrementalRuns().map(runs -> AffectedRecords.of(changedKeys(runs), links,
                    steward.mustLinks(), previous));

            Dataset<Row> records = spark.read().format("delta").load(tables.records()).where(col("retired").equalTo(false))
                    .select("record_key", "source_system", "source_id", "customer_numbers");
            if (scope.isPresent()) {
                records = records.join(broadcast(spark.createDataset(new ArrayList<>(scope.get()), Encoders.STRING()).toDF("record_key")),
                        "record_key");
            }
            List<Row> collected = records.collectAsList();
            if (collected.size() > options.maxDriverRecords()) {
                throw HubException.of("clustering " + collected.size() + " records exceeds the driver guard of " + options.maxDriverRecords(),
                        "the link graph is clustered on the driver", "raise --max-driver-records and the driver memory (about 200 bytes per record)");
            }
            List<String> keys = new ArrayList<>(collected.size());
            Map<String, String[]> sourceOf = new HashMap<>();
            Map<String, List<String>> strongIds = new HashMap<>();
            for (Row row : collected) {
                String key = row.getString(0);
                keys.add(key);
                sourceOf.put(key, new String[] {row.getString(1), row.getString(2)});
                List<String> ids = row.isNullAt(3) ? List.of() : row.getList(3);
                if (!ids.isEmpty()) {
                    strongIds.put(key, List.copyOf(ids));
                }
            }
            Map<String, String> previousInScope = scope.isPresent() ? restrict(previous, scope.get()) : previous;
            ConstrainedClustering.Result clustering = new ConstrainedClustering(options.maxClusterSize())
                    .cluster(keys, strongIds, scope.isPresent() ? within(links, scope.get()) : links,
                            steward.mustLinks(), steward.cannotLinks());
            Map<String, String> lastIds = lastIdsOf(records);
            GoldenIdAssigner.Returning returning = new GoldenIdAssigner.Returning(revivable(lastIds),
                    scope.isPresent() ? idsOutside(previous, scope.get()) : Set.of());
            GoldenIdAssigner.Assignment assignment = GoldenIdAssigner.assign(clustering.clusters(), previousInScope, returning, idAge(),
                    options.runId());

            Timestamp now = Timestamp.from(Instant.now());
            writeHistory(assignment.events(), now);
            // Before xref loses them: a crash in between must not lose a retired record's last id.
            keepLastIds(previousInScope, sourceOf);
            long changing = writeXref(clustering.clusters(), assignment, previousInScope, previousSizes, sourceOf, now);
            forgetLastIds(lastIds.keySet());
            DeltaTableProperties.set(spark, tables.xref(), SETTINGS_PROPERTY, settingsFingerprint());

            long linkCount = links.size() + steward.mustLinks().size();
            ClusterResult result;
            List<Integer> sizes;
            if (scope.isEmpty()) {
                result = summarise(keys.size(), clustering.clusters().size(), largest(clustering.clusters()), clustering, assignment,
                        changing, linkCount);
                sizes = clustering.clusters().stream().map(List::size).toList();
            } else {
                // The figures of the whole hub come from xref, which now holds every current record's cluster.
                sizes = clusterSizesInXref();
                long clustered = sizes.stream().mapToLong(Integer::longValue).sum();
                result = summarise(clustered, sizes.size(), sizes.stream().mapToLong(Integer::longValue).max().orElse(0), clustering,
                        assignment, changing, linkCount);
            }
            String mode = scope.isEmpty() ? "full: every record clustered"
                    : "incremental: " + keys.size() + " of " + result.records() + " records clustered again (the components changes reach)";
            RunsTable.upsert(spark, tables, runRecord(result, ClusterSizeProfile.counts(sizes, options.maxClusterSize()), keys.size(),
                    mode, started));
            return result;
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * The runs whose changes this step must take in when it can work incrementally: this run and any
     * run whose standardize or match finished after the last cluster step that succeeded started (a
     * night whose cluster step failed). Empty, meaning cluster every record, when there is no xref
     * yet, it was clustered with other settings, no cluster step is recorded, an erasure ran since,
     * or one of those runs matched every record (a new model or blocking rules rescore every pair).
     */
    private Optional<Set<String>> incrementalRuns() {
        HubTables tables = options.tables();
        if (!DeltaTable.isDeltaTable(spark, tables.xref())
                || !settingsFingerprint().equals(DeltaTableProperties.of(spark, tables.xref()).get(SETTINGS_PROPERTY))) {
            return Optional.empty();
        }
        return RunsTable.pendingRuns(spark, tables, "cluster", options.runId(), List.of("standardize", "match", "forget"))
                .filter(pending -> !pending.needsFullRebuild()).map(RunsTable.PendingRuns::runIds);
    }

    /** Records the runs added, changed or retired, and both records of every steward decision (made or undone). */
    private Set<String> changedKeys(Set<String> runs) {
        Set<String> changed = new HashSet<>();
        for (Row row : spark.read().format("delta").load(options.tables().records()).where(col("last_changed_run").isin(runs.toArray()))
                .select("record_key").collectAsList()) {
            changed.add(row.getString(0));
        }
        if (DeltaTable.isDeltaTable(spark, options.tables().stewardDecisions())) {
            for (Row row : spark.read().format("delta").load(options.tables().stewardDecisions()).select("left_key", "right_key")
                    .collectAsList()) {
                changed.add(row.getString(0));
                changed.add(row.getString(1));
            }
        }
        return changed;
    }

    /** Record count per cluster, over the whole xref. */
    private List<Integer> clusterSizesInXref() {
        List<Integer> sizes = new ArrayList<>();
        for (Row row : spark.read().format("delta").load(options.tables().xref()).groupBy("cluster_size").agg(count(lit(1)))
                .collectAsList()) {
            int size = row.getInt(0);
            long clusters = row.getLong(1) / size;
            for (long i = 0; i < clusters; i++) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    private String settingsFingerprint() {
        return "max_cluster_size=" + options.maxClusterSize() + ";revision=" + CLUSTERING_REVISION;
    }

    /** The ids that records outside the scope hold: an incremental run must not revive them. */
    private static Set<String> idsOutside(Map<String, String> previous, Set<String> scope) {
        Set<String> held = new HashSet<>();
        previous.forEach((key, id) -> {
            if (!scope.contains(key)) {
                held.add(id);
            }
        });
        return held;
    }

    /** The last golden id of each of these current records that was once retired (empty without retired_xref). */
    private Map<String, String> lastIdsOf(Dataset<Row> records) {
        Map<String, String> last = new HashMap<>();
        if (DeltaTable.isDeltaTable(spark, options.tables().retiredXref())) {
            for (Row row : spark.read().format("delta").load(options.tables().retiredXref())
                    .join(records.select("record_key"), "record_key").select("record_key", "golden_id").collectAsList()) {
                last.put(row.getString(0), row.getString(1));
            }
        }
        return last;
    }

    /** The ids a record may get back: not those merged into another since (the customer lives on in the successor). */
    private Map<String, String> revivable(Map<String, String> lastIds) {
        if (lastIds.isEmpty() || !DeltaTable.isDeltaTable(spark, options.tables().goldenIdHistory())) {
            return lastIds;
        }
        Set<String> merged = new HashSet<>();
        for (Row row : spark.read().format("delta").load(options.tables().goldenIdHistory())
                .where(col("event").equalTo(GoldenIdEvent.Kind.MERGED_INTO.name()).and(col("golden_id").isin(
                        new HashSet<>(lastIds.values()).toArray()))).select("golden_id").collectAsList()) {
            merged.add(row.getString(0));
        }
        Map<String, String> out = new HashMap<>(lastIds);
        out.values().removeAll(merged);
        return out;
    }

    /** Records leaving xref (no longer current) keep their golden id in retired_xref. */
    private void keepLastIds(Map<String, String> previous, Map<String, String[]> sourceOf) {
        List<Row> leaving = new ArrayList<>();
        previous.forEach((key, id) -> {
            if (!sourceOf.containsKey(key)) {
                leaving.add(RowFactory.create(key, id, options.runId()));
            }
        });
        String path = options.tables().retiredXref();
        if (leaving.isEmpty()) {
            return;
        }
        Dataset<Row> update = spark.createDataFrame(leaving, RETIRED_XREF_SCHEMA);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            update.write().format("delta").mode("append").save(path);
            return;
        }
        DeltaTable.forPath(spark, path).as("r").merge(update.as("u"), "r.record_key = u.record_key")
                .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    }

    /** Records back in xref need their retired_xref row no more. */
    private void forgetLastIds(Set<String> returned) {
        if (!returned.isEmpty()) {
            DeltaTable.forPath(spark, options.tables().retiredXref()).delete(col("record_key").isin(returned.toArray()));
        }
    }

    private static Map<String, String> restrict(Map<String, String> previous, Set<String> scope) {
        Map<String, String> out = new HashMap<>();
        previous.forEach((key, id) -> {
            if (scope.contains(key)) {
                out.put(key, id);
            }
        });
        return out;
    }

    private static List<Link> within(List<Link> links, Set<String> scope) {
        return links.stream().filter(l -> scope.contains(l.left()) && scope.contains(l.right())).toList();
    }

    private static long largest(List<List<String>> clusters) {
        return clusters.stream().mapToLong(List::size).max().orElse(0);
    }

    /** Each record's golden id and cluster size in the current xref (empty on a new hub). */
    private void readPreviousXref(Map<String, String> previousIds, Map<String, Integer> previousSizes) {
        if (DeltaTable.isDeltaTable(spark, options.tables().xref())) {
            for (Row row : spark.read().format("delta").load(options.tables().xref())
                    .select("record_key", "golden_id", "cluster_size").collectAsList()) {
                previousIds.put(row.getString(0), row.getString(1));
                previousSizes.put(row.getString(0), row.getInt(2));
            }
        }
    }

    /** Creation order of every golden id: when it was created or split off. */
    private Map<String, Long> idAge() {
        Map<String, Long> age = new HashMap<>();
        if (DeltaTable.isDeltaTable(spark, options.tables().goldenIdHistory())) {
            for (Row row : spark.read().format("delta").load(options.tables().goldenIdHistory())
                    .where(col("event").isin("CREATED", "SPLIT_FROM")).select("golden_id", "at").collectAsList()) {
                age.merge(row.getString(0), row.getTimestamp(1).getTime(), Math::min);
            }
        }
        return age;
    }

    private void writeHistory(List<GoldenIdEvent> events, Timestamp now) {
        List<Row> rows = events.stream().map(e -> RowFactory.create(e.goldenId(), e.kind().name(), e.relatedId(), options.runId(), now)).toList();
        Dataset<Row> update = spark.createDataFrame(rows, HISTORY_SCHEMA);
        String path = options.tables().goldenIdHistory();
        if (!DeltaTable.isDeltaTable(spark, path)) {
            update.write().format("delta").mode("append").save(path);
            return;
        }
        DeltaTable.forPath(spark, path).as("h")
                // The run in the key: a rerun adds nothing, an id retired and revived twice shows both times.
                .merge(update.as("u"), "h.golden_id = u.golden_id AND h.event = u.event AND h.related_id <=> u.related_id"
                        + " AND h.run_id = u.run_id")
                .whenNotMatched().insertAll()
                .execute();
    }

    /**
     * Only rows whose golden id or cluster size changed (or that are new) go into the MERGE, plus a
     * deletion per record no longer current: on a quiet night that is a few thousand rows instead of
     * every record shipped from the driver and compared.
     */
    private long writeXref(List<List<String>> clusters, GoldenIdAssigner.Assignment assignment, Map<String, String> previous,
                           Map<String, Integer> previousSizes, Map<String, String[]> sourceOf, Timestamp now) {
        String path = options.tables().xref();
        boolean exists = DeltaTable.isDeltaTable(spark, path);
        List<Row> rows = new ArrayList<>();
        long changing = 0;
        for (List<String> cluster : clusters) {
            for (String key : cluster) {
                String id = assignment.goldenIdByRecord().get(key);
                boolean idChanged = !id.equals(previous.get(key));
                if (idChanged) {
                    changing++;
                }
                if (!exists || idChanged || !Integer.valueOf(cluster.size()).equals(previousSizes.get(key))) {
                    String[] source = sourceOf.get(key);
                    rows.add(RowFactory.create(key, source[0], source[1], id, cluster.size(), options.runId(), now, false));
                }
            }
        }
        if (!exists) {
            spark.createDataFrame(rows, XREF_UPDATE_SCHEMA).drop(REMOVED).write().format("delta").mode("append").save(path);
            return changing;
        }
        for (String key : previous.keySet()) {
            if (!sourceOf.containsKey(key)) {
                rows.add(RowFactory.create(key, "", "", "", 0, options.runId(), now, true));
            }
        }
        if (rows.isEmpty()) {
            return changing;
        }
        Map<String, String> assign = new LinkedHashMap<>();
        for (String column : XREF_SCHEMA.fieldNames()) {
            assign.put(column, "u." + column);
        }
        DeltaTable.forPath(spark, path).as("x")
                .merge(spark.createDataFrame(rows, XREF_UPDATE_SCHEMA).as("u"), "x.record_key = u.record_key")
                .whenMatched("u." + REMOVED).delete()
                .whenMatched().updateExpr(assign)
                .whenNotMatched("NOT u." + REMOVED).insertExpr(assign)
                .execute();
        return changing;
    }

    private static ClusterResult summarise(long records, long clusters, long largest, ConstrainedClustering.Result clustering,
                                           GoldenIdAssigner.Assignment assignment, long changing, long links) {
        Map<String, Long> refused = new TreeMap<>();
        for (RefusedMerge r : clustering.refused()) {
            refused.merge(r.reason().name(), 1L, Long::sum);
        }
        Map<String, Long> events = new TreeMap<>();
        for (GoldenIdEvent e : assignment.events()) {
            events.merge(e.kind().name(), 1L, Long::sum);
        }
        return new ClusterResult(records, clusters, links, changing, largest, refused, events);
    }

    private RunRecord runRecord(ClusterResult result, Map<String, Long> sizeProfile, long clustered, String mode, Instant started) {
        Map<String, Long> counts = new TreeMap<>(sizeProfile);
        counts.put("clustered_records", clustered);
        counts.put("clusters", result.clusters());
        counts.put("links", result.links());
        counts.put("records_changing_id", result.recordsChangingId());
        counts.put("largest_cluster", result.largestCluster());
        result.refusedMerges().forEach((k, v) -> counts.put("refused." + k, v));
        result.idEvents().forEach((k, v) -> counts.put("id_event." + k, v));
        return new RunRecord(options.runId(), "cluster", "*", RunRecord.SUCCEEDED, started, Instant.now(),
                result.records(), result.records(), 0, counts, List.of(), mode);
    }
}
