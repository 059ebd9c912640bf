package io.customerhub.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.cli.HubCli;
import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.generate.DemoDataGenerator;
import io.customerhub.jobs.generate.GeneratorOptions;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.settings.DefaultSettings;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The report of a real nightly run (demo silos, real Delta tables): its figures reconcile with the tables and hold no personal value. */
class ReportActionTest extends SparkTestBase {

    private static final String RUN = "2026-11-23";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static HubTables hub;
    private static ReportAction.Result result;
    private static JsonNode metrics;
    private static String html;

    @BeforeAll
    static void runANightAndReportIt() throws IOException {
        Path data = shared.resolve("demo");
        DemoDataGenerator.generate(spark(), data, new GeneratorOptions(300, 7));
        hub = new HubTables(shared.resolve("hub").toString());
        IngestJob.run(spark(), ContractLoader.loadAll(data.resolve(DemoDataGenerator.CONTRACTS_DIR).toString(),
                spark().sparkContext().hadoopConfiguration()), new IngestOptions(hub, RUN, 0.5));
        new StandardizeAction(spark(), hub, RUN).execute();
        new MatchAction(spark(), new MatchAction.Options(hub, RUN, false, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark(), new ClusterAction.Options(hub, RUN, ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();

        result = new ReportAction(spark(), new ReportAction.Options(hub, RUN, null)).execute();
        Path folder = Path.of(hub.reports(), RUN);
        metrics = JSON.readTree(folder.resolve(ReportAction.METRICS_FILE).toFile());
        html = Files.readString(folder.resolve(ReportAction.HTML_FILE));
    }

    @Test
    void everyRowReadIsAcceptedOrQuarantinedPerSourceAsTheTablesSay() {
        Dataset<Row> quarantine = table(hub.quarantine()).where(col("run_id").equalTo(RUN));
        long totalRead = 0;
        long bronze = 0;
        assertThat(metrics.get("sources")).hasSize(4);
        for (JsonNode source : metrics.get("sources")) {
            String name = source.get("source").asText();
            long read = source.get("read").asLong();
            long accepted = source.get("accepted").asLong();
            long quarantined = source.get("quarantined").asLong();
            assertThat(read).as(name).isPositive().isEqualTo(accepted + quarantined);
            long bronzeRows = table(hub.bronze(name)).where(col("run_id").equalTo(RUN)).count();
            assertThat(accepted).as(name).isEqualTo(bronzeRows);
            bronze += bronzeRows;
            assertThat(quarantined).as(name).isEqualTo(quarantine.where(col("source_system").equalTo(name)).count());
            Map<String, Long> reasons = new HashMap<>();
            source.get("quarantinedByReason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
            assertThat(reasons).as(name).isEqualTo(countBy(quarantine.where(col("source_system").equalTo(name)), "reason_code"));
            assertThat(source.get("currentRecords").asLong()).as(name)
                    .isEqualTo(table(hub.records()).where(col("source_system").equalTo(name).and(col("retired").equalTo(false))).count());
            totalRead += read;
        }
        assertThat(sum(metrics.get("quarantineByReason"))).isEqualTo(quarantine.count()).isPositive();
        assertThat(totalRead).isEqualTo(quarantine.count() + bronze);
    }

    @Test
    void decisionsRulesAndHistogramEachSumToThePairsOfTheRun() {
        JsonNode pairs = metrics.get("pairs");
        Dataset<Row> ofRun = table(hub.pairs()).where(col("run_id").equalTo(RUN));
        long total = ofRun.count();

        assertThat(pairs.get("pairsInRun").asLong()).isEqualTo(total).isPositive();
        assertThat(pairs.get("matchStepPairs").asLong()).isEqualTo(total);
        assertThat(sum(pairs.get("decisionsInRun"))).isEqualTo(total);
        Map<String, Long> decisions = new HashMap<>();
        pairs.get("decisionsInRun").fields().forEachRemaining(e -> decisions.put(e.getKey(), e.getValue().asLong()));
        assertThat(decisions).isEqualTo(countBy(ofRun, "decision")).containsKeys("LINK", "NO_LINK");
        long perRule = 0;
        for (JsonNode rule : pairs.get("rules")) {
            long n = sum(rule.get("decisions"));
            assertThat(n).isEqualTo(ofRun.where(col("blocking_rule").equalTo(rule.get("rule").asText())).count());
            perRule += n;
        }
        assertThat(perRule).isEqualTo(total);
        long binned = 0;
        double previousTo = Double.NaN;
        for (JsonNode bin : pairs.get("histogram")) {
            binned += sum(bin.get("decisions"));
            if (!Double.isNaN(previousTo)) {
                assertThat(bin.get("from").asDouble()).isEqualTo(previousTo);
            }
            previousTo = bin.get("to").asDouble();
        }
        assertThat(binned).isEqualTo(total);
        assertThat(pairs.get("modelVersions")).extracting(JsonNode::asText).containsExactly(DefaultSettings.VERSION);
    }

    @Test
    void clusterSizesSumToTheRecordsInXrefAndTheLargestClustersComeFirst() {
        Dataset<Row> xref = table(hub.xref());
        JsonNode clusters = metrics.get("clusters");
        long records = 0;
        long ids = 0;
        for (JsonNode size : clusters.get("sizes")) {
            records += size.get("size").asLong() * size.get("clusters").asLong();
            ids += size.get("clusters").asLong();
        }
        assertThat(records).isEqualTo(xref.count()).isEqualTo(clusters.get("records").asLong());
        assertThat(ids).isEqualTo(xref.select("golden_id").distinct().count()).isEqualTo(clusters.get("clusters").asLong());

        JsonNode largest = clusters.get("largest");
        assertThat(largest).hasSize(ReportAction.LARGEST_CLUSTERS);
        long biggest = xref.groupBy("golden_id").count().agg(org.apache.spark.sql.functions.max("count")).first().getLong(0);
        assertThat(largest.get(0).get("size").asLong()).isEqualTo(biggest).isGreaterThan(1);
        for (int i = 1; i < largest.size(); i++) {
            assertThat(largest.get(i).get("size").asLong()).isLessThanOrEqualTo(largest.get(i - 1).get("size").asLong());
        }
        JsonNode first = largest.get(0);
        assertThat(sum(first.get("recordsPerSource"))).isEqualTo(first.get("size").asLong());
        assertThat(first.get("links").asLong()).isGreaterThanOrEqualTo(first.get("size").asLong() - 1);
        assertThat(first.get("weakestLinkProbability").asDouble()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void stepsIdsModelAndChecksAreAllThere() {
        List<String> steps = new ArrayList<>();
        metrics.get("steps").forEach(s -> steps.add(s.get("step").asText()));
        assertThat(steps).containsExactlyInAnyOrder("ingest", "ingest", "ingest", "ingest", "standardize", "match", "cluster");
        metrics.get("steps").forEach(s -> assertThat(s.get("durationSeconds").asDouble()).isGreaterThanOrEqualTo(0));

        JsonNode ids = metrics.get("ids");
        assertThat(ids.get("eventsInRun").get("CREATED").asLong()).as("a first run creates every golden id")
                .isEqualTo(metrics.get("clusters").get("clusters").asLong());
        assertThat(sum(ids.get("eventsInRun"))).isEqualTo(table(hub.goldenIdHistory()).where(col("run_id").equalTo(RUN)).count());

        JsonNode model = metrics.get("model");
        assertThat(model.get("version").asText()).isEqualTo(DefaultSettings.VERSION);
        assertThat(model.get("settingsFound").asBoolean()).isTrue();
        assertThat(model.get("comparisons")).isNotEmpty();

        JsonNode checks = metrics.get("checks");
        assertThat(checks).hasSizeGreaterThanOrEqualTo(8 + 5);
        checks.forEach(c -> assertThat(c.get("ok").asBoolean()).as(c.get("name").asText() + ": " + c.get("detail").asText()).isTrue());

        for (JsonNode t : metrics.get("otherTables")) {
            assertThat(t.get("present").asBoolean()).as(t.get("table").asText())
                    .isEqualTo(DeltaTable.isDeltaTable(spark(), hub.table(t.get("table").asText())));
        }
    }

    @Test
    void theHtmlDrawsItsChartsAndHoldsNoPersonalValue() {
        assertThat(html).contains("<svg ", "Match weight of the pairs of this run", "Cluster-size distribution", "Pairs per blocking rule",
                "Quarantined rows by reason", "Model weights per comparison", "Duration per step");
        assertThat(html).doesNotContain("<script", "src=");

        Dataset<Row> records = table(hub.records());
        List<String> personal = new ArrayList<>();
        for (String column : List.of("family_name", "given_name", "email", "std_email", "source_id")) {
            records.where(length(col(column)).geq(6)).groupBy(column).agg(count(lit(1)).as("n")).orderBy(col("n").desc(), col(column))
                    .limit(15).collectAsList().forEach(r -> personal.add(r.getString(0)));
        }
        assertThat(personal).hasSizeGreaterThan(40);
        String json = metrics.toString();
        for (String value : personal) {
            assertThat(html).as("the report must not show a personal value").doesNotContain(value);
            assertThat(json).as("metrics.json must not hold a personal value").doesNotContain(value);
        }
        assertThat(html + json).as("no e-mail address at all").doesNotContain("@");
    }

    @Test
    void theReportHasItsRowInTheRunsTableAndARerunReplacesIt() {
        new ReportAction(spark(), new ReportAction.Options(hub, RUN, null)).execute();

        List<Row> rows = RunsTable.read(spark(), hub).where(col("run_id").equalTo(RUN).and(col("step").equalTo(ReportAction.STEP))).collectAsList();
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.<String>getAs("message")).contains("report at ", ReportAction.HTML_FILE);
        assertThat(row.<scala.collection.Map<String, Object>>getAs("counts").get("checks_failed").get()).isEqualTo(0L);
        assertThat(result.htmlPath()).endsWith(RUN + "/" + ReportAction.HTML_FILE);
    }

    @Test
    void hubReportWritesToTheFolderGivenAndSaysWhere() throws IOException {
        Path out = tempDir.resolve("elsewhere");
        PrintStream oldOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new CommandLine(new HubCli()).execute("report", "--hub-root", hub.root(), "--run-id", RUN, "--out", out.toString());
        } finally {
            System.setOut(oldOut);
        }

        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("report: " + RUN, "checks passed", "open ", ReportAction.HTML_FILE);
        assertThat(JSON.readTree(out.resolve(ReportAction.METRICS_FILE).toFile()).get("runId").asText()).isEqualTo(RUN);
        assertThat(Files.readString(out.resolve(ReportAction.HTML_FILE))).contains("<svg ");
    }

    private static Dataset<Row> table(String path) {
        return spark().read().format("delta").load(path);
    }

    private static Map<String, Long> countBy(Dataset<Row> rows, String column) {
        Map<String, Long> counts = new HashMap<>();
        rows.groupBy(column).count().collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode n : counts) {
            total += n.asLong();
        }
        return total;
    }
}
