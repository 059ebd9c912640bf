package io.customerhub.jobs.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the run report shows, gathered once from the hub's tables: counts, rule and
 * comparison names, golden ids and durations, never a customer's field values or source ids.
 * Written as {@code metrics.json} and rendered by {@link HtmlReport}. A part is null when its
 * table does not exist yet (e.g. no match step has run).
 *
 * @param hubRoot     where the tables were read
 * @param generatedAt ISO-8601 instant
 * @param steps       the runs table rows of this run (the report's own row excluded), in start order
 * @param sources     per source: ingest counts of this run and its records now
 * @param quarantineByReason quarantine rows of this run over all sources, by reason code
 * @param otherTables tables other steps may own (golden, review_queue, steward_decisions): present or not
 * @param checks      reconciliations between the steps' counts and the tables ({@link Reconciliation})
 */
public record RunMetrics(String runId, String hubRoot, String generatedAt, List<StepRun> steps, List<SourceCounts> sources,
                         Map<String, Long> quarantineByReason, RecordCounts records, PairFigures pairs, ClusterFigures clusters,
                         IdFigures ids, ModelFigures model, List<TableCount> otherTables, List<Check> checks) {

    public RunMetrics {
        steps = List.copyOf(steps);
        sources = List.copyOf(sources);
        quarantineByReason = sorted(quarantineByReason);
        otherTables = List.copyOf(otherTables);
        checks = List.copyOf(checks);
    }

    /** This metrics tree with its reconciliation checks computed. */
    public RunMetrics withChecks(List<Check> newChecks) {
        return new RunMetrics(runId, hubRoot, generatedAt, steps, sources, quarantineByReason, records, pairs, clusters, ids, model,
                otherTables, newChecks);
    }

    public long checksFailed() {
        return checks.stream().filter(c -> !c.ok()).count();
    }

    /** One row of the runs table. {@code source} is "*" for all-source steps. */
    public record StepRun(String step, String source, String status, String startedAt, String finishedAt, double durationSeconds,
                          long rowsRead, long rowsAccepted, long rowsQuarantined, Map<String, Long> counts, List<String> warnings,
                          String message) {
        public StepRun {
            counts = sorted(counts);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * One source. {@code ingestStatus} is null when the source was not ingested in this run (its
     * ingest counts are then 0).
     *
     * @param quarantinedByReason this run's quarantine rows of the source, by reason code
     * @param currentRecords      records of the source not retired
     * @param changedRecords      records of the source inserted, changed or retired by this run
     * @param xrefRecords         records of the source holding a golden id
     */
    public record SourceCounts(String source, String ingestStatus, long read, long accepted, long quarantined,
                               Map<String, Long> quarantinedByReason, long currentRecords, long changedRecords, long xrefRecords) {
        public SourceCounts {
            quarantinedByReason = sorted(quarantinedByReason);
        }

        public long quarantineTableRows() {
            return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The records table now: current and retired records, and those this run touched. */
    public record RecordCounts(long current, long retired, long changedInRun) {
    }

    /**
     * The pairs table. "In run" figures count the pairs this run scored (run_id = this run); an
     * incremental run scores only pairs touching new or changed records.
     *
     * @param matchStepPairs  pairs the match step of this run counted (runs table), or -1 without that row
     * @param rules           pairs of this run per blocking rule (first rule producing the pair) and decision
     * @param histogram       match weights of this run's pairs, by decision
     * @param modelVersions   model versions that scored this run's pairs
     */
    public record PairFigures(long pairsInRun, long matchStepPairs, long pairsInTable, Map<String, Long> decisionsInRun,
                              Map<String, Long> decisionsInTable, long deterministicInRun, List<RuleDecisions> rules,
                              double binWidth, List<HistogramBin> histogram, List<String> modelVersions) {
        public PairFigures {
            decisionsInRun = sorted(decisionsInRun);
            decisionsInTable = sorted(decisionsInTable);
            rules = List.copyOf(rules);
            histogram = List.copyOf(histogram);
            modelVersions = List.copyOf(modelVersions);
        }
    }

    /** Pairs of one blocking rule, by decision. */
    public record RuleDecisions(String rule, Map<String, Long> decisions) {
        public RuleDecisions {
            decisions = sorted(decisions);
        }

        public long total() {
            return decisions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Pairs whose match weight is in [from, to), by decision. */
    public record HistogramBin(double from, double to, Map<String, Long> decisions) {
        public HistogramBin {
            decisions = sorted(decisions);
        }

        public long total() {
            return decisions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The xref table now.
     *
     * @param sizes   how many clusters have each size, by size ascending
     * @param largest the largest clusters, largest first
     */
    public record ClusterFigures(long records, long clusters, List<SizeCount> sizes, List<LargestCluster> largest) {
        public ClusterFigures {
            sizes = List.copyOf(sizes);
            largest = List.copyOf(largest);
        }
    }

    /** {@code clusters} clusters hold {@code size} records each. */
    public record SizeCount(long size, long clusters) {
    }

    /**
     * A large cluster, without any value of its records.
     *
     * @param links                   LINK pairs inside the cluster
     * @param weakestLinkProbability  lowest probability among them; null when the cluster holds no LINK pair (steward must-links)
     */
    public record LargestCluster(String goldenId, long size, Map<String, Long> recordsPerSource, long links,
                                 Double weakestLinkProbability) {
        public LargestCluster {
            recordsPerSource = sorted(recordsPerSource);
        }
    }

    /**
     * The golden_id_history table.
     *
     * @param changesInRun merges and splits of this run (at most {@link #MAX_LISTED_CHANGES})
     * @param changesNotListed merges and splits of this run beyond that
     */
    public record IdFigures(Map<String, Long> eventsInRun, Map<String, Long> eventsAllRuns, List<IdChange> changesInRun,
                            long changesNotListed) {
        public static final int MAX_LISTED_CHANGES = 50;

        public IdFigures {
            eventsInRun = sorted(eventsInRun);
            eventsAllRuns = sorted(eventsAllRuns);
            changesInRun = List.copyOf(changesInRun);
        }
    }

    /** A merge (goldenId MERGED_INTO relatedId) or split (goldenId SPLIT_FROM relatedId). */
    public record IdChange(String event, String goldenId, String relatedId) {
    }

    /**
     * The model that scored this run's pairs. Weights are in bits: log2(m/u), clamped as the model
     * clamps them; the thresholds are also given as match weights.
     *
     * @param settingsFound false when the version is neither in the models table nor the defaults (a --settings file)
     */
    public record ModelFigures(String version, boolean settingsFound, String trainingMethod, String trainedAt, Double priorWeight,
                               Double linkThreshold, Double reviewThreshold, Double linkWeight, Double reviewWeight,
                               List<ComparisonWeights> comparisons) {
        public ModelFigures {
            comparisons = List.copyOf(comparisons);
        }
    }

    /** One comparison's levels, in order. */
    public record ComparisonWeights(String name, String description, List<LevelWeight> levels) {
        public ComparisonWeights {
            levels = List.copyOf(levels);
        }
    }

    /** m and u are null for a null level (weight 0: a side lacks the data). */
    public record LevelWeight(String label, Double m, Double u, double weight, String tfField) {
    }

    /**
     * A table another step owns. {@code breakdownColumn} is the column counted by value (status,
     * kind), or null.
     */
    public record TableCount(String table, boolean present, long rows, String breakdownColumn, Map<String, Long> breakdown) {
        public TableCount {
            breakdown = sorted(breakdown);
        }
    }

    /** A reconciliation: two counts that must agree. */
    public record Check(String name, boolean ok, String detail) {
    }

    static SortedMap<String, Long> sorted(Map<String, Long> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }
}
