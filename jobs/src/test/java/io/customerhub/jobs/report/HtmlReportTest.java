package io.customerhub.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.customerhub.jobs.report.RunMetrics.Check;
import io.customerhub.jobs.report.RunMetrics.ClusterFigures;
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
import io.customerhub.matching.settings.ComparisonSpec;
import io.customerhub.matching.settings.LevelSpec;
import io.customerhub.matching.settings.Settings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The renderer and the reconciliation on hand-made figures: no Spark. */
class HtmlReportTest {

    private static final String HOSTILE_SOURCE = "crm<script>alert('x')</script>&co";

    static RunMetrics sample(long accepted) {
        List<StepRun> steps = List.of(
                new StepRun("ingest", HOSTILE_SOURCE, "SUCCEEDED", "2026-11-23T01:00:00Z", "2026-11-23T01:00:04Z", 4.0, 100, accepted, 3,
                        Map.of("quarantined.INVALID_DATE", 2L, "quarantined.EMPTY_SOURCE_ID", 1L), List.of("column 'x<y' is missing"), null),
                new StepRun("match", "*", "SUCCEEDED", "2026-11-23T01:00:05Z", "2026-11-23T01:00:15Z", 10.0, 97, 97, 0,
                        Map.of("pairs", 60L), List.of(), "model default-1"));
        List<SourceCounts> sources = List.of(new SourceCounts(HOSTILE_SOURCE, "SUCCEEDED", 100, accepted, 3,
                Map.of("INVALID_DATE", 2L, "EMPTY_SOURCE_ID", 1L), 97, 97, 97));
        PairFigures pairs = new PairFigures(60, 60, 60, Map.of("LINK", 10L, "REVIEW", 5L, "NO_LINK", 45L), Map.of("LINK", 10L, "REVIEW", 5L,
                "NO_LINK", 45L), 2, List.of(new RuleDecisions("email & <dob>", Map.of("LINK", 10L, "NO_LINK", 40L)),
                new RuleDecisions("postcode", Map.of("REVIEW", 5L, "NO_LINK", 5L))), 5,
                List.of(new HistogramBin(-10, -5, Map.of("NO_LINK", 45L)), new HistogramBin(-5, 0, Map.of()),
                        new HistogramBin(0, 5, Map.of("REVIEW", 5L)), new HistogramBin(5, 10, Map.of("LINK", 10L))), List.of("default-1"));
        ClusterFigures clusters = new ClusterFigures(97, 88, List.of(new SizeCount(1, 81), new SizeCount(2, 5), new SizeCount(3, 2)),
                List.of(new LargestCluster("G00AA", 3, Map.of(HOSTILE_SOURCE, 3L), 2, 0.995), new LargestCluster("G00AB", 3,
                        Map.of(HOSTILE_SOURCE, 3L), 0, null)));
        IdFigures ids = new IdFigures(Map.of("CREATED", 87L, "MERGED_INTO", 1L), Map.of("CREATED", 88L, "MERGED_INTO", 1L),
                List.of(new IdChange("MERGED_INTO", "G00AC", "G00AA")), 0);
        ModelFigures model = ReportAction.modelFigures(Settings.defaults());
        List<TableCount> others = List.of(new TableCount("golden", true, 87, "status", Map.of("ACTIVE", 86L, "MERGED", 1L)),
                new TableCount("review_queue", false, 0, null, Map.of()));
        RunMetrics m = new RunMetrics("2026-11-23", "/tmp/hub", "2026-11-23T02:00:00Z", steps, sources, Map.of("INVALID_DATE", 2L,
                "EMPTY_SOURCE_ID", 1L), new RecordCounts(97, 0, 97), pairs, clusters, ids, model, others, List.of());
        return m.withChecks(Reconciliation.of(m));
    }

    @Test
    void textFromTheMetricsIsEscapedEverywhere() {
        String html = HtmlReport.render(sample(97));

        assertThat(html).doesNotContain("<script", "alert('x')", "x<y", "<dob>");
        assertThat(html).contains("crm&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co", "email &amp; &lt;dob&gt;",
                "column &#39;x&lt;y&#39; is missing");
    }

    @Test
    void theReportIsSelfContainedWithInlineSvgCharts() {
        String html = HtmlReport.render(sample(97));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script", "<link", "src=", "url(", "@import", "https:");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:");
        // steps, sources, quarantine, decisions, rules, histogram, model (one per comparison), cluster sizes, id events
        int comparisons = Settings.defaults().comparisons().size();
        assertThat(count(html, "<svg ")).isEqualTo(8 + comparisons);
        assertThat(count(html, "<svg ")).isEqualTo(count(html, "</svg>"));
        assertThat(html).contains("Match weight of the pairs of this run", "Cluster-size distribution", "Pairs per blocking rule",
                "Quarantined rows by reason", "Duration per step", "(log scale)");
        assertThat(html).contains("G00AA", "no link pair (steward must-links)", "G00AC", "not present", "ACTIVE 86");
    }

    @Test
    void everyBarCarriesItsExactValueAndTheHistogramMarksTheThresholds() {
        String html = HtmlReport.render(sample(97));

        assertThat(html).contains("<title>link – link: 10</title>", "<title>email &amp; &lt;dob&gt; – no-link: 40</title>",
                "<title>INVALID_DATE – quarantined: 2</title>");
        assertThat(html).contains(">review</text>", ">link</text>", "stroke-dasharray");
    }

    @Test
    void aCountThatDoesNotReconcileIsReportedAsAFailedCheck() {
        RunMetrics fine = sample(97);
        RunMetrics lost = sample(90);

        assertThat(fine.checks()).isNotEmpty().allMatch(Check::ok);
        assertThat(lost.checksFailed()).isEqualTo(1);
        Check failed = lost.checks().stream().filter(c -> !c.ok()).findFirst().orElseThrow();
        assertThat(failed.name()).contains("read = accepted + quarantined");
        assertThat(failed.detail()).isEqualTo("rows read 100, accepted + quarantined 93");
        assertThat(HtmlReport.render(lost)).contains("<tr class=\"fail\"><td>FAILED</td>", "6 / 7", "card bad");
    }

    @Test
    void partsWhoseTablesDoNotExistAreSaidSoInsteadOfDrawn() {
        RunMetrics empty = new RunMetrics("r1", "/tmp/hub", "now", List.of(), List.of(), Map.of(), null, null, null, null, null,
                List.of(), List.of());

        String html = HtmlReport.render(empty);

        assertThat(html).contains("The runs table holds no step of this run", "the match step has not run",
                "the cluster step has not run", "No <code>golden_id_history</code> table yet");
        assertThat(count(html, "<svg ")).isZero();
    }

    @Test
    void modelWeightsAreTheClampedLogRatioOfMAndU() {
        Settings settings = Settings.defaults();
        ModelFigures model = ReportAction.modelFigures(settings);

        assertThat(model.comparisons()).hasSize(settings.comparisons().size());
        for (int c = 0; c < settings.comparisons().size(); c++) {
            ComparisonSpec spec = settings.comparisons().get(c);
            for (int l = 0; l < spec.levels().size(); l++) {
                LevelSpec level = spec.levels().get(l);
                LevelWeight weight = model.comparisons().get(c).levels().get(l);
                double expected = level.isNull() ? 0 : Math.max(settings.weightBounds().min(),
                        Math.min(settings.weightBounds().max(), Math.log(level.m() / level.u()) / Math.log(2)));
                assertThat(weight.weight()).as(spec.name() + "/" + level.label()).isCloseTo(expected, within(1e-9));
                assertThat(weight.m()).isEqualTo(level.isNull() ? null : level.m());
            }
        }
        assertThat(model.linkWeight()).isCloseTo(Math.log(0.99 / 0.01) / Math.log(2), within(1e-9));
        assertThat(model.reviewWeight()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void histogramBinsAreContiguousAndFewEnough() {
        Map<Long, Map<String, Long>> bins = new TreeMap<>(Map.of(-3L, Map.of("NO_LINK", 4L), 2L, Map.of("LINK", 1L)));

        List<HistogramBin> histogram = ReportAction.histogram(bins, 2.0);

        assertThat(histogram).hasSize(6);
        assertThat(histogram.get(0).from()).isEqualTo(-6.0);
        assertThat(histogram.get(5).to()).isEqualTo(6.0);
        assertThat(histogram.stream().mapToLong(HistogramBin::total).sum()).isEqualTo(5);
        assertThat(ReportAction.binWidth(-20, 30)).isEqualTo(1.0);
        assertThat(ReportAction.binWidth(-100, 80)).isEqualTo(5.0);
        assertThat(ReportAction.binWidth(0, 0)).isEqualTo(1.0);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
