package io.customerhub.jobs.report;

import static io.customerhub.jobs.report.Html.count;
import static io.customerhub.jobs.report.Html.escape;

import io.customerhub.jobs.ingest.QuarantineReason;
import io.customerhub.jobs.report.RunMetrics.Check;
import io.customerhub.jobs.report.RunMetrics.ClusterFigures;
import io.customerhub.jobs.report.RunMetrics.ComparisonWeights;
import io.customerhub.jobs.report.RunMetrics.HistogramBin;
import io.customerhub.jobs.report.RunMetrics.IdFigures;
import io.customerhub.jobs.report.RunMetrics.LargestCluster;
import io.customerhub.jobs.report.RunMetrics.LevelWeight;
import io.customerhub.jobs.report.RunMetrics.ModelFigures;
import io.customerhub.jobs.report.RunMetrics.PairFigures;
import io.customerhub.jobs.report.RunMetrics.RuleDecisions;
import io.customerhub.jobs.report.RunMetrics.SizeCount;
import io.customerhub.jobs.report.RunMetrics.SourceCounts;
import io.customerhub.jobs.report.RunMetrics.StepRun;
import io.customerhub.jobs.report.RunMetrics.TableCount;
import io.customerhub.jobs.report.SvgCharts.Bar;
import io.customerhub.jobs.report.SvgCharts.Marker;
import io.customerhub.jobs.report.SvgCharts.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@link RunMetrics} as one self-contained HTML page: inline CSS and inline SVG charts, no
 * script and no external resource, so it opens offline from a file or an object store. Every text
 * from the metrics is escaped. Pure: no Spark.
 */
public final class HtmlReport {

    /** Decisions in the order a reader expects, with their display names and colours. */
    static final List<String> DECISIONS = List.of("LINK", "REVIEW", "NO_LINK");
    private static final Map<String, String> DECISION_LABELS = Map.of("LINK", "link", "REVIEW", "review", "NO_LINK", "no-link");
    private static final Map<String, String> DECISION_COLOURS = Map.of("LINK", "#2e7d32", "REVIEW", "#f9a825", "NO_LINK", "#9e9e9e");
    private static final String OTHER_COLOUR = "#5c6bc0";
    private static final Series ACCEPTED = new Series("accepted", "#1565c0");
    private static final Series QUARANTINED = new Series("quarantined", "#c62828");

    private static final String CSS = """
            body{font:14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f6f7f9}
            main{max-width:1120px;margin:0 auto;padding:24px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px;border-bottom:1px solid #ddd;padding-bottom:6px}
            h3{font-size:15px;margin:18px 0 8px}
            section{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:16px 20px;margin:18px 0}
            .meta{color:#666;margin:0 0 12px}nav a{margin-right:12px;color:#1565c0;text-decoration:none}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px;margin:14px 0}
            .card{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:10px 12px}
            .card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}
            .card.bad b{color:#c62828}.card.good b{color:#2e7d32}
            table{border-collapse:collapse;margin:8px 0 4px;font-size:13px}
            th,td{border-bottom:1px solid #eee;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#fafafa;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.fail td{background:#fdecea}tr.ok td:first-child{color:#2e7d32}tr.fail td:first-child{color:#c62828;font-weight:600}
            svg.chart{width:100%;max-width:760px;height:auto;display:block;margin:8px 0}
            svg text{font-family:inherit}svg .title{font-size:13px;font-weight:600;fill:#333}
            svg .label,svg .value,svg .legend{font-size:12px;fill:#333}svg .tick{font-size:11px;fill:#666}
            svg .axis{font-size:12px;fill:#555}svg .marker{font-size:11px;fill:#333}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:4px 20px}
            .note{color:#666;font-size:12px}code{background:#f1f1f1;padding:0 3px;border-radius:3px}
            """;

    private HtmlReport() {
    }

    public static String render(RunMetrics m) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Customer Hub run report – ").append(escape(m.runId())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>Run report – ").append(escape(m.runId())).append("</h1>\n<p class=\"meta\">Generated ")
                .append(escape(m.generatedAt())).append(" from the hub at <code>").append(escape(m.hubRoot())).append("</code>. ")
                .append("Counts, rule and comparison names and golden ids only: no customer values.</p>\n");
        html.append("<nav><a href=\"#checks\">Checks</a><a href=\"#steps\">Steps</a><a href=\"#sources\">Sources</a>"
                + "<a href=\"#quarantine\">Quarantine</a><a href=\"#matching\">Matching</a><a href=\"#model\">Model</a>"
                + "<a href=\"#clusters\">Clusters</a><a href=\"#ids\">Golden ids</a><a href=\"#tables\">Other tables</a></nav>\n");
        cards(html, m);
        checks(html, m.checks());
        steps(html, m.steps());
        sources(html, m.sources());
        quarantine(html, m);
        matching(html, m.pairs(), m.model());
        model(html, m.model());
        clusters(html, m.clusters());
        ids(html, m.ids());
        otherTables(html, m.otherTables());
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void cards(StringBuilder html, RunMetrics m) {
        long read = m.sources().stream().mapToLong(SourceCounts::read).sum();
        long quarantined = m.sources().stream().mapToLong(SourceCounts::quarantined).sum();
        html.append("<div class=\"cards\">");
        card(html, count(m.sources().size()), "sources", "");
        card(html, count(read), "rows read", "");
        card(html, count(quarantined) + " (" + Html.percent(quarantined, read) + ")", "rows quarantined", quarantined > 0 ? "bad" : "");
        if (m.records() != null) {
            card(html, count(m.records().current()), "current records", "");
        }
        if (m.pairs() != null) {
            card(html, count(m.pairs().pairsInRun()), "pairs scored in this run", "");
            card(html, count(m.pairs().decisionsInRun().getOrDefault("LINK", 0L)), "links", "");
            card(html, count(m.pairs().decisionsInRun().getOrDefault("REVIEW", 0L)), "pairs for review", "");
        }
        if (m.clusters() != null) {
            card(html, count(m.clusters().clusters()), "golden ids", "");
            card(html, count(m.clusters().largest().isEmpty() ? 0 : m.clusters().largest().get(0).size()), "largest cluster", "");
        }
        long failed = m.checksFailed();
        card(html, (m.checks().size() - failed) + " / " + m.checks().size(), "checks passed", failed > 0 ? "bad" : "good");
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String value, String label, String cssClass) {
        html.append("<div class=\"card ").append(cssClass).append("\"><b>").append(escape(value)).append("</b><span>")
                .append(escape(label)).append("</span></div>");
    }

    private static void checks(StringBuilder html, List<Check> checks) {
        open(html, "checks", "Reconciliation checks");
        if (checks.isEmpty()) {
            html.append("<p>No step of this run left counts to reconcile.</p>\n");
        } else {
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Check c : checks) {
                rows.add(List.of(c.ok() ? "ok" : "FAILED", c.name(), c.detail()));
                classes.add(c.ok() ? "ok" : "fail");
            }
            table(html, List.of("result", "check", "figures"), rows, classes, Set.of());
        }
        close(html);
    }

    private static void steps(StringBuilder html, List<StepRun> steps) {
        open(html, "steps", "Steps and durations");
        if (steps.isEmpty()) {
            html.append("<p>The runs table holds no step of this run.</p>\n");
            close(html);
            return;
        }
        List<Bar> bars = steps.stream().map(s -> Bar.of(stepName(s), s.durationSeconds())).toList();
        html.append(SvgCharts.horizontalBars("Duration per step (seconds)", List.of(new Series("seconds", "#6a1b9a")), bars,
                v -> String.format(Locale.ROOT, "%.1f s", v)));
        List<List<String>> rows = new ArrayList<>();
        for (StepRun s : steps) {
            rows.add(List.of(s.step(), s.source(), s.status(), s.startedAt(), Html.decimal(s.durationSeconds(), 1), count(s.rowsRead()),
                    count(s.rowsAccepted()), count(s.rowsQuarantined()), counters(s.counts()),
                    String.join("; ", s.warnings()) + (s.message() == null ? "" : (s.warnings().isEmpty() ? "" : "; ") + s.message())));
        }
        table(html, List.of("step", "source", "status", "started (UTC)", "seconds", "rows read", "accepted", "quarantined", "counters",
                "warnings / message"), rows, List.of(), Set.of(4, 5, 6, 7));
        close(html);
    }

    private static String counters(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + count(v)));
        return String.join(", ", parts);
    }

    private static String stepName(StepRun s) {
        return "*".equals(s.source()) ? s.step() : s.step() + ": " + s.source();
    }

    private static void sources(StringBuilder html, List<SourceCounts> sources) {
        open(html, "sources", "Sources");
        if (sources.isEmpty()) {
            html.append("<p>No source was ingested in this run and the records table is empty.</p>\n");
            close(html);
            return;
        }
        List<Bar> bars = sources.stream().map(s -> Bar.of(s.source(), s.accepted(), s.quarantined())).toList();
        html.append(SvgCharts.horizontalBars("Rows read per source in this run", List.of(ACCEPTED, QUARANTINED), bars, SvgCharts::number));
        List<List<String>> rows = new ArrayList<>();
        for (SourceCounts s : sources) {
            rows.add(List.of(s.source(), s.ingestStatus() == null ? "not ingested in this run" : s.ingestStatus(), count(s.read()),
                    count(s.accepted()), count(s.quarantined()), Html.percent(s.quarantined(), s.read()), count(s.changedRecords()),
                    count(s.currentRecords()), count(s.xrefRecords())));
        }
        table(html, List.of("source", "ingest", "read", "accepted", "quarantined", "reject rate", "records changed by the run",
                "current records", "with a golden id"), rows, List.of(), Set.of(2, 3, 4, 5, 6, 7, 8));
        close(html);
    }

    private static void quarantine(StringBuilder html, RunMetrics m) {
        open(html, "quarantine", "Quarantine reasons");
        if (m.quarantineByReason().isEmpty()) {
            html.append("<p>No row was quarantined in this run.</p>\n");
            close(html);
            return;
        }
        List<Bar> bars = new ArrayList<>();
        m.quarantineByReason().forEach((reason, n) -> bars.add(Bar.of(reason, n)));
        html.append(SvgCharts.horizontalBars("Quarantined rows by reason (all sources)", List.of(QUARANTINED), bars, SvgCharts::number));
        List<String> headers = new ArrayList<>(List.of("reason", "meaning"));
        List<SourceCounts> withRows = m.sources().stream().filter(s -> !s.quarantinedByReason().isEmpty()).toList();
        withRows.forEach(s -> headers.add(s.source()));
        headers.add("total");
        List<List<String>> rows = new ArrayList<>();
        m.quarantineByReason().forEach((reason, n) -> {
            List<String> row = new ArrayList<>(List.of(reason, reasonMeaning(reason)));
            withRows.forEach(s -> row.add(count(s.quarantinedByReason().getOrDefault(reason, 0L))));
            row.add(count(n));
            rows.add(row);
        });
        Set<Integer> numeric = new TreeSet<>();
        for (int i = 2; i < headers.size(); i++) {
            numeric.add(i);
        }
        table(html, headers, rows, List.of(), numeric);
        html.append("<p class=\"note\">The rows themselves are in the <code>quarantine</code> table: "
                + "<code>hub export quarantine --run-id ").append(escape(m.runId())).append("</code>.</p>\n");
        close(html);
    }

    private static String reasonMeaning(String code) {
        return Arrays.stream(QuarantineReason.values()).filter(r -> r.name().equals(code)).map(QuarantineReason::description)
                .findFirst().orElse("");
    }

    private static void matching(StringBuilder html, PairFigures p, ModelFigures model) {
        open(html, "matching", "Matching");
        if (p == null) {
            html.append("<p>No <code>pairs</code> table yet: the match step has not run.</p>\n");
            close(html);
            return;
        }
        List<String> decisions = decisionKeys(p);
        List<Series> series = decisions.stream().map(d -> new Series(decisionLabel(d), decisionColour(d))).toList();
        html.append("<p>").append(count(p.pairsInRun())).append(" pairs scored in this run (")
                .append(count(p.deterministicInRun())).append(" decided by a deterministic identifier rule), ")
                .append(count(p.pairsInTable())).append(" pairs in the table. Model ")
                .append(escape(String.join(", ", p.modelVersions()))).append(".</p>\n");
        List<Bar> decisionBars = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            double[] values = new double[decisions.size()];
            values[i] = p.decisionsInRun().getOrDefault(decisions.get(i), 0L);
            decisionBars.add(Bar.of(decisionLabel(decisions.get(i)), values));
        }
        html.append(SvgCharts.horizontalBars("Decisions on the pairs of this run", series, decisionBars, SvgCharts::number));
        List<Bar> ruleBars = p.rules().stream().map(r -> new Bar(r.rule(),
                decisions.stream().map(d -> (double) r.decisions().getOrDefault(d, 0L)).toList())).toList();
        html.append(SvgCharts.horizontalBars("Pairs per blocking rule (first rule producing the pair)", series, ruleBars, SvgCharts::number));
        List<List<String>> rows = new ArrayList<>();
        for (RuleDecisions r : p.rules()) {
            List<String> row = new ArrayList<>(List.of(r.rule()));
            decisions.forEach(d -> row.add(count(r.decisions().getOrDefault(d, 0L))));
            row.add(count(r.total()));
            rows.add(row);
        }
        List<String> totals = new ArrayList<>(List.of("all rules"));
        decisions.forEach(d -> totals.add(count(p.decisionsInRun().getOrDefault(d, 0L))));
        totals.add(count(p.pairsInRun()));
        rows.add(totals);
        List<String> headers = new ArrayList<>(List.of("blocking rule"));
        decisions.forEach(d -> headers.add(decisionLabel(d)));
        headers.add("pairs");
        Set<Integer> numeric = new TreeSet<>();
        for (int i = 1; i < headers.size(); i++) {
            numeric.add(i);
        }
        table(html, headers, rows, List.of(), numeric);
        histogram(html, p, decisions, series, model);
        close(html);
    }

    private static void histogram(StringBuilder html, PairFigures p, List<String> decisions, List<Series> series, ModelFigures model) {
        if (p.histogram().isEmpty()) {
            return;
        }
        List<Bar> bars = new ArrayList<>();
        for (HistogramBin bin : p.histogram()) {
            bars.add(new Bar(SvgCharts.number(bin.from()), decisions.stream().map(d -> (double) bin.decisions().getOrDefault(d, 0L)).toList()));
        }
        List<Marker> markers = new ArrayList<>();
        double origin = p.histogram().get(0).from();
        if (model != null && model.reviewWeight() != null) {
            markers.add(new Marker((model.reviewWeight() - origin) / p.binWidth(), "review", "#f9a825"));
        }
        if (model != null && model.linkWeight() != null) {
            markers.add(new Marker((model.linkWeight() - origin) / p.binWidth(), "link", "#2e7d32"));
        }
        html.append(SvgCharts.columns("Match weight of the pairs of this run (bins of " + SvgCharts.number(p.binWidth()) + " bits)",
                series, bars, true, "match weight (bits; each bar starts at its label)", "pairs", markers));
        html.append("<p class=\"note\">Dashed lines: the model's review and link thresholds as match weights. Pairs left of the link "
                + "line that are still links were linked by a deterministic identifier rule.</p>\n");
    }

    private static List<String> decisionKeys(PairFigures p) {
        Set<String> keys = new LinkedHashSet<>(DECISIONS);
        keys.addAll(p.decisionsInRun().keySet());
        return List.copyOf(keys);
    }

    private static String decisionLabel(String decision) {
        return DECISION_LABELS.getOrDefault(decision, decision);
    }

    private static String decisionColour(String decision) {
        return DECISION_COLOURS.getOrDefault(decision, OTHER_COLOUR);
    }

    private static void model(StringBuilder html, ModelFigures model) {
        open(html, "model", "Model weights per comparison");
        if (model == null) {
            html.append("<p>No pairs scored in this run: no model to show.</p>\n");
            close(html);
            return;
        }
        html.append("<p>Version <b>").append(escape(model.version())).append("</b>");
        if (model.trainingMethod() != null) {
            html.append(", trained (").append(escape(model.trainingMethod())).append(") at ").append(escape(model.trainedAt()));
        } else if (model.settingsFound()) {
            html.append(", hand-set priors (not trained)");
        }
        html.append(".</p>\n");
        if (!model.settingsFound()) {
            html.append("<p>Its settings are neither in the <code>models</code> table nor the shipped defaults "
                    + "(the match step was given a <code>--settings</code> file): weights cannot be shown.</p>\n");
            close(html);
            return;
        }
        html.append("<p>Prior ").append(Html.decimal(model.priorWeight(), 2)).append(" bits; link at p &ge; ")
                .append(escape(String.valueOf(model.linkThreshold()))).append(" (weight ").append(Html.decimal(model.linkWeight(), 2))
                .append("), review at p &ge; ").append(escape(String.valueOf(model.reviewThreshold()))).append(" (weight ")
                .append(Html.decimal(model.reviewWeight(), 2)).append("). A level's weight is log2(m/u): what agreeing at that level "
                        + "adds to a pair's match weight.</p>\n");
        double maxAbs = model.comparisons().stream().flatMap(c -> c.levels().stream()).mapToDouble(l -> Math.abs(l.weight())).max().orElse(0);
        html.append("<div class=\"grid\">");
        for (ComparisonWeights c : model.comparisons()) {
            List<Bar> bars = c.levels().stream().map(l -> Bar.of(l.label(), l.weight())).toList();
            html.append("<div>").append(SvgCharts.divergingBars(c.name(), bars, maxAbs, v -> Html.decimal(v, 2))).append("</div>");
        }
        html.append("</div>\n");
        List<List<String>> rows = new ArrayList<>();
        for (ComparisonWeights c : model.comparisons()) {
            for (LevelWeight l : c.levels()) {
                rows.add(List.of(c.name(), l.label(), probability(l.m()), probability(l.u()), Html.decimal(l.weight(), 2),
                        l.tfField() == null ? "" : l.tfField()));
            }
        }
        table(html, List.of("comparison", "level", "m", "u", "weight (bits)", "term-frequency field"), rows, List.of(), Set.of(2, 3, 4));
        close(html);
    }

    private static String probability(Double p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.4g", p);
    }

    private static void clusters(StringBuilder html, ClusterFigures c) {
        open(html, "clusters", "Clusters");
        if (c == null) {
            html.append("<p>No <code>xref</code> table yet: the cluster step has not run.</p>\n");
            close(html);
            return;
        }
        html.append("<p>").append(count(c.records())).append(" records in ").append(count(c.clusters())).append(" clusters (golden ids).</p>\n");
        List<Bar> bars = c.sizes().stream().map(s -> Bar.of(String.valueOf(s.size()), s.clusters())).toList();
        html.append(SvgCharts.columns("Cluster-size distribution", List.of(new Series("clusters", "#00838f")), bars, true,
                "records per cluster", "clusters", List.of()));
        List<List<String>> sizeRows = new ArrayList<>();
        for (SizeCount s : c.sizes()) {
            sizeRows.add(List.of(count(s.size()), count(s.clusters()), count(s.size() * s.clusters())));
        }
        table(html, List.of("size", "clusters", "records"), sizeRows, List.of(), Set.of(0, 1, 2));
        html.append("<h3>Largest clusters</h3>\n");
        List<List<String>> rows = new ArrayList<>();
        for (LargestCluster l : c.largest()) {
            rows.add(List.of(l.goldenId(), count(l.size()), counters(l.recordsPerSource()), count(l.links()),
                    l.weakestLinkProbability() == null ? "no link pair (steward must-links)" : String.format(Locale.ROOT, "%.4f", l.weakestLinkProbability())));
        }
        table(html, List.of("golden id", "records", "records per source", "link pairs inside", "weakest link probability"), rows,
                List.of(), Set.of(1, 3, 4));
        close(html);
    }

    private static void ids(StringBuilder html, IdFigures ids) {
        open(html, "ids", "Golden id merges and splits");
        if (ids == null) {
            html.append("<p>No <code>golden_id_history</code> table yet.</p>\n");
            close(html);
            return;
        }
        Set<String> kinds = new TreeSet<>(ids.eventsAllRuns().keySet());
        kinds.addAll(ids.eventsInRun().keySet());
        List<Bar> bars = kinds.stream().map(k -> Bar.of(k, ids.eventsInRun().getOrDefault(k, 0L))).toList();
        html.append(SvgCharts.horizontalBars("Golden id events in this run", List.of(new Series("events", "#5c6bc0")), bars, SvgCharts::number));
        List<List<String>> rows = kinds.stream().map(k -> List.of(k, count(ids.eventsInRun().getOrDefault(k, 0L)),
                count(ids.eventsAllRuns().getOrDefault(k, 0L)))).toList();
        table(html, List.of("event", "this run", "all runs"), rows, List.of(), Set.of(1, 2));
        if (!ids.changesInRun().isEmpty()) {
            html.append("<h3>Merges and splits in this run</h3>\n");
            List<List<String>> changes = ids.changesInRun().stream().map(ch -> List.of(ch.goldenId(), ch.event(), ch.relatedId())).toList();
            table(html, List.of("golden id", "event", "related golden id"), changes, List.of(), Set.of());
            if (ids.changesNotListed() > 0) {
                html.append("<p class=\"note\">").append(count(ids.changesNotListed()))
                        .append(" more; all are in <code>golden_id_history</code>.</p>\n");
            }
        }
        close(html);
    }

    private static void otherTables(StringBuilder html, List<TableCount> tables) {
        open(html, "tables", "Other tables");
        List<List<String>> rows = new ArrayList<>();
        for (TableCount t : tables) {
            rows.add(List.of(t.table(), t.present() ? count(t.rows()) : "not present",
                    t.breakdownColumn() == null ? "" : t.breakdownColumn() + ": " + counters(t.breakdown())));
        }
        table(html, List.of("table", "rows", "by value"), rows, List.of(), Set.of(1));
        close(html);
    }

    private static void open(StringBuilder html, String id, String title) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
    }

    private static void close(StringBuilder html) {
        html.append("</section>\n");
    }

    /** A table of text cells, every one escaped; {@code numeric} columns are right-aligned. */
    private static void table(StringBuilder html, List<String> headers, List<List<String>> rows, List<String> rowClasses,
                              Set<Integer> numeric) {
        html.append("<table>\n<tr>");
        for (int i = 0; i < headers.size(); i++) {
            html.append(numeric.contains(i) ? "<th class=\"n\">" : "<th>").append(escape(headers.get(i))).append("</th>");
        }
        html.append("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            html.append(r < rowClasses.size() ? "<tr class=\"" + escape(rowClasses.get(r)) + "\">" : "<tr>");
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                html.append(numeric.contains(i) ? "<td class=\"n\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
