package io.customerhub.jobs.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.customerhub.jobs.HubException;
import io.customerhub.jobs.report.RunMetrics.ClusterFigures;
import io.customerhub.jobs.report.RunMetrics.ComparisonWeights;
import io.customerhub.jobs.report.RunMetrics.HistogramBin;
import io.customerhub.jobs.report.RunMetrics.IdChange;
import io.customerhub.jobs.report.RunMetrics.IdFigures;
import io.customerhub.jobs.report.RunMetrics.LargestCluster;
import io.customerhub.jobs.report.RunMetrics.LevelWeight;
import io.customerhub.jobs.report.RunMetrics.ModelFigures;
import io.customerhub.jobs.report.RunMetrics.PairFigures;
import io.customerhub.jobs.report.RunMetrics.RecordCounts;
import io.customerhub.jobs.report.RunMetrics.RuleDecisions;
import io.customerhub.jobs.report.RunMetrics.SizeCount;
import io.customerhub.jobs.report.RunMetrics.SourceCounts;
import io.customerhub.jobs.report.RunMetrics.StepRun;
import io.customerhub.jobs.report.RunMetrics.TableCount;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers one run's figures from the hub's tables into a {@link RunMetrics} tree (aggregates only:
 * no record is collected), writes {@code report.html} ({@link HtmlReport}) and {@code metrics.json}
 * to the report folder (any Hadoop URI) and adds a {@code report} row to the runs table. Tables
 * that do not exist yet are skipped. Rerunning a run id rewrites both files and the runs row.
 */
public final class ReportAction {

    public static final String STEP = "report";
    public static final String HTML_FILE = "report.html";
    public static final String METRICS_FILE = "metrics.json";
    static final int LARGEST_CLUSTERS = 10;
    private static final int MAX_HISTOGRAM_BINS = 60;
    private static final List<String> OTHER_TABLES = List.of("golden", "review_queue", "steward_decisions");
    private static final List<String> BREAKDOWN_COLUMNS = List.of("status", "kind");

    /** Settings of the report step; {@code outDir} null = {@link #defaultOutDir}. */
    public record Options(HubTables tables, String runId, String outDir) {
    }

    /** The figures and where they were written (qualified paths). */
    public record Result(RunMetrics metrics, String outDir, String htmlPath, String metricsPath) {
    }

    private final SparkSession spark;
    private final Options options;
    private final HubTables tables;
    private final String runId;

    public ReportAction(SparkSession spark, Options options) {
        this.spark = spark;
        this.options = options;
        this.tables = options.tables();
        this.runId = options.runId();
    }

    /** {@code <hub-root>/reports/<run-id>}; a ':' of the run id becomes '_' (Hadoop paths refuse it). */
    public static String defaultOutDir(HubTables tables, String runId) {
        return new Path(tables.reports(), runId.replace(':', '_')).toString();
    }

    public Result execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup(STEP, "run report for run " + runId, false);
        try {
            RunMetrics metrics = gather();
            String dir = options.outDir() != null ? options.outDir() : defaultOutDir(tables, runId);
            String[] written = write(metrics, dir);
            RunsTable.upsert(spark, tables, runRecord(metrics, written[0], started));
            return new Result(metrics, written[2], written[0], written[1]);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    RunMetrics gather() {
        List<StepRun> steps = steps();
        Map<String, Map<String, Long>> quarantine = quarantineBySource();
        Map<String, Long> quarantineByReason = new TreeMap<>();
        quarantine.values().forEach(reasons -> reasons.forEach((r, n) -> quarantineByReason.merge(r, n, Long::sum)));
        Map<String, long[]> records = recordsBySource();
        Map<String, Long> xref = countBy(tables.xref(), "source_system");
        PairFigures pairs = pairs(steps);
        RunMetrics metrics = new RunMetrics(runId, tables.root(), Instant.now().toString(), steps,
                sources(steps, quarantine, records, xref), quarantineByReason, recordCounts(records), pairs, clusters(),
                ids(), model(pairs, steps), otherTables(), List.of());
        return metrics.withChecks(Reconciliation.of(metrics));
    }

    private boolean exists(String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    private Dataset<Row> load(String path) {
        return spark.read().format("delta").load(path);
    }

    private List<StepRun> steps() {
        if (!exists(tables.runs())) {
            return List.of();
        }
        List<StepRun> steps = new ArrayList<>();
        for (Row r : RunsTable.read(spark, tables).where(col("run_id").equalTo(runId).and(col("step").notEqual(STEP)))
                .orderBy("started_at", "step", "source").collectAsList()) {
            Timestamp start = r.getAs("started_at");
            Timestamp end = r.getAs("finished_at");
            Map<String, Long> counts = r.getJavaMap(r.fieldIndex("counts"));
            steps.add(new StepRun(r.getAs("step"), r.getAs("source"), r.getAs("status"), start.toInstant().toString(),
                    end.toInstant().toString(), (end.getTime() - start.getTime()) / 1000.0, r.<Long>getAs("rows_read"),
                    r.<Long>getAs("rows_accepted"), r.<Long>getAs("rows_quarantined"), counts, r.getList(r.fieldIndex("warnings")),
                    r.getAs("message")));
        }
        return steps;
    }

    private Map<String, Map<String, Long>> quarantineBySource() {
        Map<String, Map<String, Long>> bySource = new TreeMap<>();
        if (exists(tables.quarantine())) {
            for (Row r : load(tables.quarantine()).where(col("run_id").equalTo(runId)).groupBy("source_system", "reason_code")
                    .agg(count(lit(1))).collectAsList()) {
                bySource.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            }
        }
        return bySource;
    }

    /** Per source: {current, retired, changed by this run}. */
    private Map<String, long[]> recordsBySource() {
        Map<String, long[]> bySource = new TreeMap<>();
        if (exists(tables.records())) {
            for (Row r : load(tables.records()).groupBy("source_system").agg(
                    count(when(col("retired").equalTo(false), 1)), count(when(col("retired"), 1)),
                    count(when(col("last_changed_run").equalTo(runId), 1))).collectAsList()) {
                bySource.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
            }
        }
        return bySource;
    }

    private Map<String, Long> countBy(String path, String column) {
        Map<String, Long> counts = new TreeMap<>();
        if (exists(path)) {
            for (Row r : load(path).groupBy(column).agg(count(lit(1))).collectAsList()) {
                counts.put(r.isNullAt(0) ? "null" : String.valueOf(r.get(0)), r.getLong(1));
            }
        }
        return counts;
    }

    private static List<SourceCounts> sources(List<StepRun> steps, Map<String, Map<String, Long>> quarantine, Map<String, long[]> records,
                                              Map<String, Long> xref) {
        Map<String, StepRun> ingest = new HashMap<>();
        steps.stream().filter(s -> "ingest".equals(s.step())).forEach(s -> ingest.put(s.source(), s));
        TreeSet<String> names = new TreeSet<>(ingest.keySet());
        names.addAll(quarantine.keySet());
        names.addAll(records.keySet());
        List<SourceCounts> sources = new ArrayList<>();
        for (String name : names) {
            StepRun run = ingest.get(name);
            long[] rec = records.getOrDefault(name, new long[3]);
            sources.add(new SourceCounts(name, run == null ? null : run.status(), run == null ? 0 : run.rowsRead(),
                    run == null ? 0 : run.rowsAccepted(), run == null ? 0 : run.rowsQuarantined(), quarantine.get(name),
                    rec[0], rec[2], xref.getOrDefault(name, 0L)));
        }
        return sources;
    }

    private static RecordCounts recordCounts(Map<String, long[]> records) {
        if (records.isEmpty()) {
            return null;
        }
        long[] sum = new long[3];
        records.values().forEach(r -> Arrays.setAll(sum, i -> sum[i] + r[i]));
        return new RecordCounts(sum[0], sum[1], sum[2]);
    }

    private PairFigures pairs(List<StepRun> steps) {
        if (!exists(tables.pairs())) {
            return null;
        }
        Dataset<Row> all = load(tables.pairs());
        Dataset<Row> ofRun = all.where(col("run_id").equalTo(runId));
        Map<String, Long> decisionsInTable = countBy(tables.pairs(), "decision");
        Map<String, Map<String, Long>> byRule = new TreeMap<>();
        Map<String, Long> decisions = new TreeMap<>();
        long pairs = 0;
        for (Row r : ofRun.groupBy("blocking_rule", "decision").agg(count(lit(1))).collectAsList()) {
            byRule.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            decisions.merge(r.getString(1), r.getLong(2), Long::sum);
            pairs += r.getLong(2);
        }
        Row range = ofRun.agg(min("match_weight"), max("match_weight"), count(when(col("deterministic"), 1))).first();
        double width = range.isNullAt(0) ? 1 : binWidth(range.getDouble(0), range.getDouble(1));
        Map<Long, Map<String, Long>> bins = new TreeMap<>();
        for (Row r : ofRun.groupBy(floor(col("match_weight").divide(width)).as("bin"), col("decision")).agg(count(lit(1))).collectAsList()) {
            bins.computeIfAbsent(r.getLong(0), b -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        List<String> versions = ofRun.select("model_version").distinct().orderBy("model_version").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        long matchStepPairs = steps.stream().filter(s -> "match".equals(s.step())).mapToLong(s -> s.counts().getOrDefault("pairs", -1L))
                .findFirst().orElse(-1L);
        return new PairFigures(pairs, matchStepPairs, decisionsInTable.values().stream().mapToLong(Long::longValue).sum(), decisions,
                decisionsInTable, range.getLong(2), rules(byRule, versions), width, histogram(bins, width), versions);
    }

    /** Rules in the order of the model's settings when known (the order they are tried), then any other by name. */
    private List<RuleDecisions> rules(Map<String, Map<String, Long>> byRule, List<String> versions) {
        List<String> order = new ArrayList<>();
        if (!versions.isEmpty()) {
            Settings settings = settings(versions.get(0));
            if (settings != null) {
                settings.blockingRules().stream().map(BlockingRule::name).filter(byRule::containsKey).forEach(order::add);
            }
        }
        byRule.keySet().stream().filter(r -> !order.contains(r)).forEach(order::add);
        return order.stream().map(r -> new RuleDecisions(r, byRule.get(r))).toList();
    }

    /** The smallest of 1, 2, 5, 10... bits that keeps the histogram within {@value #MAX_HISTOGRAM_BINS} bins. */
    static double binWidth(double minWeight, double maxWeight) {
        double range = maxWeight - minWeight;
        for (double width = 1; ; width *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                if (range / (width * step) < MAX_HISTOGRAM_BINS) {
                    return width * step;
                }
            }
        }
    }

    /** Contiguous bins from the lowest to the highest non-empty one; bin b covers [b * width, (b + 1) * width). */
    static List<HistogramBin> histogram(Map<Long, Map<String, Long>> bins, double width) {
        if (bins.isEmpty()) {
            return List.of();
        }
        long first = bins.keySet().stream().min(Long::compare).orElseThrow();
        long last = bins.keySet().stream().max(Long::compare).orElseThrow();
        List<HistogramBin> out = new ArrayList<>();
        for (long b = first; b <= last; b++) {
            out.add(new HistogramBin(b * width, (b + 1) * width, bins.getOrDefault(b, Map.of())));
        }
        return out;
    }

    private ClusterFigures clusters() {
        if (!exists(tables.xref())) {
            return null;
        }
        Dataset<Row> xref = load(tables.xref());
        Dataset<Row> sizes = xref.groupBy("golden_id").agg(count(lit(1)).as("size"));
        List<SizeCount> distribution = new ArrayList<>();
        long records = 0;
        long clusters = 0;
        for (Row r : sizes.groupBy("size").agg(count(lit(1))).orderBy("size").collectAsList()) {
            distribution.add(new SizeCount(r.getLong(0), r.getLong(1)));
            records += r.getLong(0) * r.getLong(1);
            clusters += r.getLong(1);
        }
        List<Row> top = sizes.orderBy(col("size").desc(), col("golden_id")).limit(LARGEST_CLUSTERS).collectAsList();
        return new ClusterFigures(xref.count(), clusters, distribution, largest(xref, top));
    }

    /** Sources, LINK pairs inside and the weakest of them for the largest clusters; no record is collected. */
    private List<LargestCluster> largest(Dataset<Row> xref, List<Row> top) {
        if (top.isEmpty()) {
            return List.of();
        }
        List<String> ids = top.stream().map(r -> r.getString(0)).toList();
        Dataset<Row> members = xref.where(col("golden_id").isin(ids.toArray())).select("record_key", "golden_id", "source_system");
        Map<String, Map<String, Long>> perSource = new HashMap<>();
        for (Row r : members.groupBy("golden_id", "source_system").agg(count(lit(1))).collectAsList()) {
            perSource.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        Map<String, Row> links = new HashMap<>();
        if (exists(tables.pairs())) {
            Dataset<Row> left = broadcast(members.select(col("record_key").as("left_key"), col("golden_id").as("l_id")));
            Dataset<Row> right = broadcast(members.select(col("record_key").as("right_key"), col("golden_id").as("r_id")));
            for (Row r : load(tables.pairs()).where(col("decision").equalTo("LINK")).join(left, "left_key").join(right, "right_key")
                    .where(col("l_id").equalTo(col("r_id"))).groupBy("l_id").agg(count(lit(1)), min("probability")).collectAsList()) {
                links.put(r.getString(0), r);
            }
        }
        List<LargestCluster> out = new ArrayList<>();
        for (Row r : top) {
            String id = r.getString(0);
            Row link = links.get(id);
            out.add(new LargestCluster(id, r.getLong(1), perSource.get(id), link == null ? 0 : link.getLong(1),
                    link == null ? null : link.getDouble(2)));
        }
        return out;
    }

    private IdFigures ids() {
        if (!exists(tables.goldenIdHistory())) {
            return null;
        }
        Dataset<Row> history = load(tables.goldenIdHistory());
        Map<String, Long> inRun = new TreeMap<>();
        for (Row r : history.where(col("run_id").equalTo(runId)).groupBy("event").agg(count(lit(1))).collectAsList()) {
            inRun.put(r.getString(0), r.getLong(1));
        }
        Dataset<Row> changes = history.where(col("run_id").equalTo(runId).and(col("event").isin("MERGED_INTO", "SPLIT_FROM")));
        List<IdChange> listed = changes.orderBy("event", "golden_id").limit(IdFigures.MAX_LISTED_CHANGES)
                .select("event", "golden_id", "related_id").collectAsList().stream()
                .map(r -> new IdChange(r.getString(0), r.getString(1), r.getString(2))).toList();
        long total = inRun.getOrDefault("MERGED_INTO", 0L) + inRun.getOrDefault("SPLIT_FROM", 0L);
        return new IdFigures(inRun, countBy(tables.goldenIdHistory(), "event"), listed, Math.max(0, total - listed.size()));
    }

    /** The model of this run's pairs, else the one the match step names in its runs row ("model &lt;version&gt;"). */
    private ModelFigures model(PairFigures pairs, List<StepRun> steps) {
        String version = pairs != null && !pairs.modelVersions().isEmpty() ? pairs.modelVersions().get(0)
                : steps.stream().filter(s -> "match".equals(s.step()) && s.message() != null && s.message().startsWith("model "))
                        .map(s -> s.message().substring("model ".length())).findFirst().orElse(null);
        if (version == null) {
            return null;
        }
        Settings settings = settings(version);
        if (settings == null) {
            return new ModelFigures(version, false, null, null, null, null, null, null, null, List.of());
        }
        return modelFigures(settings);
    }

    /** A model version's settings: from the models table, else the shipped defaults when it is their version, else null. */
    private Settings settings(String version) {
        if (exists(tables.models())) {
            List<Row> rows = load(tables.models()).where(col("version").equalTo(version)).orderBy(col("trained_at").desc())
                    .limit(1).select("settings_json").collectAsList();
            if (!rows.isEmpty()) {
                return Settings.fromJson(rows.get(0).getString(0));
            }
        }
        Settings defaults = Settings.defaults();
        return defaults.version().equals(version) ? defaults : null;
    }

    /** Weights as the model computes them: clamped log2(m/u), 0 for a null level. */
    static ModelFigures modelFigures(Settings settings) {
        List<ComparisonWeights> comparisons = new ArrayList<>();
        for (ComparisonSpec c : settings.comparisons()) {
            List<LevelWeight> levels = new ArrayList<>();
            for (LevelSpec l : c.levels()) {
                levels.add(l.isNull() ? new LevelWeight(l.label(), null, null, 0.0, null)
                        : new LevelWeight(l.label(), l.m(), l.u(), settings.weightBounds().clamp(log2(l.m() / l.u())), l.tfField()));
            }
            comparisons.add(new ComparisonWeights(c.name(), c.description(), levels));
        }
        double lambda = settings.probabilityTwoRandomRecordsMatch();
        double link = settings.thresholds().link();
        double review = settings.thresholds().review();
        return new ModelFigures(settings.version(), true, settings.training() == null ? null : settings.training().method(),
                settings.training() == null ? null : settings.training().trainedAt(), log2(lambda / (1 - lambda)), link, review,
                log2(link / (1 - link)), log2(review / (1 - review)), comparisons);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private List<TableCount> otherTables() {
        List<TableCount> out = new ArrayList<>();
        for (String name : OTHER_TABLES) {
            String path = tables.table(name);
            if (!exists(path)) {
                out.add(new TableCount(name, false, 0, null, Map.of()));
                continue;
            }
            List<String> columns = Arrays.asList(load(path).columns());
            String breakdown = BREAKDOWN_COLUMNS.stream().filter(columns::contains).findFirst().orElse(null);
            Map<String, Long> counts = breakdown == null ? Map.of() : countBy(path, breakdown);
            long rows = breakdown == null ? load(path).count() : counts.values().stream().mapToLong(Long::longValue).sum();
            out.add(new TableCount(name, true, rows, breakdown, counts));
        }
        return out;
    }

    /** Writes both files; returns {html, metrics, folder} as qualified paths. */
    private String[] write(RunMetrics metrics, String dir) {
        Path folder = new Path(dir);
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.mkdirs(folder);
            Path html = new Path(folder, HTML_FILE);
            Path json = new Path(folder, METRICS_FILE);
            writeFile(fs, html, HtmlReport.render(metrics).getBytes(StandardCharsets.UTF_8));
            writeFile(fs, json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(metrics));
            return new String[] {fs.makeQualified(html).toString(), fs.makeQualified(json).toString(), fs.makeQualified(folder).toString()};
        } catch (IOException e) {
            throw HubException.of("cannot write the run report to " + dir, e.getMessage(), "choose a writable folder or URI with --out", e);
        }
    }

    private static void writeFile(FileSystem fs, Path path, byte[] content) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(content);
        }
    }

    private RunRecord runRecord(RunMetrics m, String htmlPath, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("checks", (long) m.checks().size());
        counts.put("checks_failed", m.checksFailed());
        counts.put("sources", (long) m.sources().size());
        if (m.pairs() != null) {
            counts.put("pairs_in_run", m.pairs().pairsInRun());
        }
        if (m.clusters() != null) {
            counts.put("golden_ids", m.clusters().clusters());
        }
        List<String> warnings = m.checks().stream().filter(c -> !c.ok()).map(c -> "check failed: " + c.name() + " (" + c.detail() + ")").toList();
        long records = m.records() == null ? 0 : m.records().current();
        return new RunRecord(runId, STEP, "*", RunRecord.SUCCEEDED, started, Instant.now(), records, records, 0, counts, warnings,
                "report at " + htmlPath);
    }
}
