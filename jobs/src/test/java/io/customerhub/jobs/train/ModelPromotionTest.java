package io.customerhub.jobs.train;

import io.customerhub.jobs.cli.CliRun;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.cli.HubCommand;
import io.customerhub.jobs.cli.PromoteModelCommand;
import io.customerhub.jobs.match.ModelStore;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import io.customerhub.matching.model.Decision;
import io.customerhub.matching.model.FellegiSunterModel;
import io.customerhub.matching.settings.Settings;
import io.customerhub.matching.settings.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promotion gate on a real hub (200 demo people through ingest, standardize, match, cluster), through the CLI. */
class ModelPromotionTest extends SparkTestBase {

    @TempDir
    static Path shared;

    private static Path builtHub;

    private static CliRun hub(String... args) {
        return CliRun.hub(args);
    }

    private static void ok(String... args) {
        CliRun outcome = hub(args);
        assertThat(outcome.exitCode()).as(String.join(" ", args) + "\n" + outcome.err()).isZero();
    }

    @BeforeAll
    static void buildHub() {
        spark();
        Path demo = shared.resolve("demo");
        builtHub = shared.resolve("hub");
        ok("generate", "--out", demo.toString(), "--people", "200");
        String root = builtHub.toString();
        ok("ingest", "--contracts", demo.resolve("contracts").toString(), "--hub-root", root, "--run-id", "n1");
        for (String step : List.of("standardize", "match", "cluster")) {
            ok(step, "--hub-root", root, "--run-id", "n1");
        }
    }

    /** A copy of the built hub, so each test starts from the same tables. */
    private HubTables hubCopy() throws IOException {
        Path target = tempDir.resolve("hub");
        try (Stream<Path> files = Files.walk(builtHub)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(builtHub.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return new HubTables(target.toString());
    }

    private static Row runRow(HubTables tables, String runId, String step) {
        List<Row> rows = RunsTable.read(spark(), tables).where(col("run_id").equalTo(runId).and(col("step").equalTo(step))).collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static Map<String, Long> counts(Row row) {
        return row.getJavaMap(row.fieldIndex("counts"));
    }

    private static Settings withThresholds(Settings s, String version, double link, double review) {
        return new Settings(version, s.description(), s.probabilityTwoRandomRecordsMatch(), s.weightBounds(), s.tfAdjustmentBounds(),
                new Thresholds(link, review), s.comparisons(), s.blockingRules(), s.training(), s.evidenceGroups(), s.negativeEvidenceCaps());
    }

    private static CliRun promote(HubTables tables, String runId, String... extra) {
        List<String> args = new ArrayList<>(List.of("promote-model", "--hub-root", tables.root(), "--run-id", runId, "--if-not-worse"));
        args.addAll(List.of(extra));
        return hub(args.toArray(String[]::new));
    }

    @Test
    void theClusterStepRecordsSizeFiguresForTheAnomalyGate() throws IOException {
        Map<String, Long> counts = counts(runRow(hubCopy(), "n1", "cluster"));

        assertThat(counts).containsEntry("cluster_size_limit", 50L).containsEntry("clusters_at_size_limit", 0L);
        long over2 = counts.get("records_in_clusters_over.2");
        assertThat(over2).isPositive(); // demo people appear in up to four silos
        assertThat(over2).isGreaterThanOrEqualTo(counts.get("records_in_clusters_over.5"));
        assertThat(counts.get("records_in_clusters_over.5")).isGreaterThanOrEqualTo(counts.get("records_in_clusters_over.10"));
        assertThat(counts.get("records_in_clusters_over.50")).isZero();
        assertThat(counts.get("largest_cluster") > 5).isEqualTo(counts.get("records_in_clusters_over.5") > 0);
    }

    @Test
    void aCandidateDecidingLikeTheModelInUseIsPromotedAndTheMatchStepUsesIt() throws IOException {
        HubTables tables = hubCopy();
        ModelStore.save(spark(), tables, withThresholds(Settings.defaults(), "copy-1", 0.99, 0.5), "p1", false);

        CliRun outcome = promote(tables, "p1");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("candidate copy-1", "not worse", "promoted");
        assertThat(ModelStore.current(spark(), tables, null).version()).isEqualTo("copy-1");
        Row row = runRow(tables, "p1", ModelPromotion.STEP);
        assertThat(counts(row)).containsEntry("promoted", 1L).containsEntry("sample_link_flips", 0L);
        assertThat(counts(row).get("sample_pairs")).isPositive();
        assertThat(row.<String>getAs("message")).contains("copy-1 promoted over " + Settings.defaults().version(), "label-free");
    }

    @Test
    void withoutLabelsACandidateThatLinksFarMoreIsNotPromoted() throws IOException {
        HubTables tables = hubCopy();
        ModelStore.save(spark(), tables, withThresholds(Settings.defaults(), "eager-1", 0.01, 0.01), "p2", false);

        CliRun outcome = promote(tables, "p2", "--fail-if-worse");

        assertThat(outcome.exitCode()).isEqualTo(PromoteModelCommand.EXIT_NOT_PROMOTED);
        assertThat(outcome.out()).contains("WORSE", "not promoted", "TOO MUCH DRIFT");
        assertThat(ModelStore.current(spark(), tables, null).version()).isEqualTo(Settings.defaults().version());
        Row row = runRow(tables, "p2", ModelPromotion.STEP);
        assertThat(counts(row)).containsEntry("promoted", 0L).containsEntry("not_worse", 0L);
        assertThat(counts(row).get("sample_links_candidate")).isGreaterThan(counts(row).get("sample_links_baseline"));
        assertThat(row.<String>getAs("message")).contains("eager-1 NOT promoted");
        assertThat(row.getList(row.fieldIndex("warnings"))).anySatisfy(w -> assertThat(w.toString()).contains("TOO MUCH DRIFT"));
    }

    @Test
    void aCandidateWithDegenerateMAndUIsNotPromoted() throws IOException {
        HubTables tables = hubCopy();
        Settings broken = PromotionChecksTest.swapFirstLevel(withThresholds(Settings.defaults(), "broken-1", 0.99, 0.5));
        ModelStore.save(spark(), tables, broken, "p3", false);

        CliRun outcome = promote(tables, "p3");

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_OK); // without --fail-if-worse a refusal is a verdict, not an error
        assertThat(outcome.out()).contains("agreement no longer favours a match", "not promoted");
        assertThat(ModelStore.current(spark(), tables, null).version()).isEqualTo(Settings.defaults().version());
    }

    @Test
    void enoughStewardLabelsDecideEvenAgainstDrift() throws IOException {
        HubTables tables = hubCopy();
        // Pairs the model in use sends to REVIEW: labelled the same person, a candidate linking them is better.
        FellegiSunterModel defaults = FellegiSunterModel.compile(Settings.defaults());
        List<Row> review = new ArrayList<>();
        List<Row> noLink = new ArrayList<>();
        for (Row r : spark().read().format("delta").load(tables.pairs()).select("left_key", "right_key", "gamma").collectAsList()) {
            Decision d = PromotionChecks.decide(defaults, r.getString(2));
            (d == Decision.REVIEW ? review : d == Decision.NO_LINK ? noLink : new ArrayList<Row>()).add(r);
        }
        assertThat(review).hasSizeGreaterThanOrEqualTo(3);
        assertThat(noLink).hasSizeGreaterThanOrEqualTo(3);
        for (Row r : review.subList(0, 3)) {
            StewardDecisions.record(spark(), tables, StewardDecisions.MUST_LINK, r.getString(0), r.getString(1), "test", "same");
        }
        for (Row r : noLink.subList(0, 3)) {
            StewardDecisions.record(spark(), tables, StewardDecisions.CANNOT_LINK, r.getString(0), r.getString(1), "test", "different");
        }
        ModelStore.save(spark(), tables, withThresholds(Settings.defaults(), "bold-1", 0.5, 0.5), "p4", false);

        CliRun outcome = promote(tables, "p4", "--min-labelled-pairs", "6", "--max-drift", "0");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("LABELLED", "on 6 steward-labelled pairs (3 same, 3 not the same) F1 0.0000 -> 1.0000", "promoted");
        assertThat(ModelStore.current(spark(), tables, null).version()).isEqualTo("bold-1");
        assertThat(counts(runRow(tables, "p4", ModelPromotion.STEP))).containsEntry("labelled_pairs", 6L)
                .containsEntry("baseline_missed_links", 3L).containsEntry("candidate_true_links", 3L);
    }

    @Test
    void aTrainedCandidateGetsARecordedVerdictAndARerunGivesTheSameOne() throws IOException {
        HubTables tables = hubCopy();
        ok("train", "--no-promote", "--hub-root", tables.root(), "--run-id", "w1");
        String trained = spark().read().format("delta").load(tables.models()).where(col("run_id").equalTo("w1")).first().getAs("version");

        CliRun first = promote(tables, "w1");
        Row verdict = runRow(tables, "w1", ModelPromotion.STEP);
        CliRun again = promote(tables, "w1");

        assertThat(first.exitCode()).as(first.err()).isZero();
        boolean promoted = counts(verdict).get("promoted") == 1L;
        assertThat(promoted).isEqualTo(counts(verdict).get("not_worse") == 1L);
        assertThat(ModelStore.current(spark(), tables, null).version()).isEqualTo(promoted ? trained : Settings.defaults().version());
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(counts(runRow(tables, "w1", ModelPromotion.STEP))).isEqualTo(counts(verdict));
        System.out.println("trained model on 200 demo people: " + first.out().trim());
    }

    @Test
    void withoutATrainedCandidateTheCommandSaysWhatToDo() throws IOException {
        HubTables tables = hubCopy();
        ModelStore.save(spark(), tables, withThresholds(Settings.defaults(), "other-1", 0.99, 0.5), "p5", false);

        CliRun outcome = promote(tables, "p6");

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.err()).contains("no model was trained in run p6", "hub train --no-promote");
    }
}
