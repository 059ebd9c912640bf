package io.customerhub.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.cli.CliRun;
import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.match.MatchResult;
import io.customerhub.jobs.match.ModelStore;
import io.customerhub.jobs.train.TrainAction;
import io.customerhub.matching.settings.Settings;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.standardize.StandardizeResult;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.jobs.table.StewardDecisions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The nightly steps end to end on real Delta tables: resolution, incremental runs, persistent ids, rules. */
class PipelineTest extends SparkTestBase {

    private static final String CRM_CONTRACT = """
            {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
             "extract": {"mode": "full"},
             "fields": [{"column": "given", "target": "given_name"}, {"column": "family", "target": "family_name", "required": true},
                        {"column": "dob", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy"]},
                        {"column": "email", "target": "email"}, {"column": "address", "target": "address_line1"},
                        {"column": "postcode", "target": "postcode"}, {"column": "city", "target": "city"},
                        {"column": "id", "target": "customer_number"}]}
            """;
    private static final String WEB_CONTRACT = """
            {"name": "web", "format": "jsonl", "path": "../web.jsonl", "idColumn": "uid",
             "extract": {"mode": "delta", "deletedFlagColumn": "deleted"},
             "fields": [{"column": "first", "target": "given_name"}, {"column": "last", "target": "family_name", "required": true},
                        {"column": "birth", "target": "date_of_birth"}, {"column": "mail", "target": "email"},
                        {"column": "crm_no", "target": "customer_number", "refersTo": "crm"}]}
            """;
    private static final String HEADER = "id;given;family;dob;email;address;postcode;city";
    private static final List<String> CRM_NIGHT_1 = List.of(
            "C1;Marie;Dupont;13/02/1980;marie.dupont@example.fr;12 rue de la Paix;75002;Paris",
            "C2;Jean;Martin;01/05/1975;jean.martin@example.fr;3 avenue Foch;69006;Lyon",
            "C3;Paul;Durand;22/07/1990;paul.durand@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C4;Paul;Durand;14/03/1962;durand.famille@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C6;Camille;Petit;05/09/1985;camille.petit@example.fr;4 rue Nationale;59000;Lille");
    private static final List<String> WEB_NIGHT_1 = List.of(
            "{\"uid\": \"W1\", \"first\": \"Marie\", \"last\": \"DUPONT\", \"birth\": \"1980-02-13\", \"mail\": \"Marie.Dupont@example.fr\"}",
            "{\"uid\": \"W2\", \"first\": \"Jean\", \"last\": \"Martin\", \"birth\": \"1975-05-01\", \"mail\": \"jean.martin@example.fr\"}",
            "{\"uid\": \"W6\", \"first\": \"Camile\", \"last\": \"Petit\", \"birth\": \"1985-09-05\", \"mail\": \"camille.petit@example.fr\", \"crm_no\": \"C9\"}",
            "{\"uid\": \"W7\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"birth\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}");
    private static final List<String> CRM_NIGHT_2 = List.of(
            "C1;Marie;Dupont;13/02/1980;marie.dupont@example.fr;12 rue de la Paix;75002;Paris",
            "C3;Paul;Durand;22/07/1990;p.durand@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C4;Paul;Durand;14/03/1962;durand.famille@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C5;Lucie;Bernard;30/11/1988;lucie.bernard@example.fr;1 place Bellecour;69002;Lyon",
            "C6;Camille;Petit;05/09/1985;camille.petit@example.fr;4 rue Nationale;59000;Lille");
    private static final List<String> WEB_NIGHT_2 = List.of(
            "{\"uid\": \"W3\", \"first\": \"Lucie\", \"last\": \"Bernard\", \"birth\": \"1988-11-30\", \"mail\": \"lucie.bernard@example.fr\"}",
            "{\"uid\": \"W2\", \"deleted\": true, \"last\": \"Martin\"}");

    @Test
    void theNightlyRunResolvesDuplicatesAndKeepsHardNegativesAndConflictsApart() throws IOException {
        HubTables hub = hub("a");
        night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);

        Map<String, String> ids = xref(hub);
        assertThat(ids).hasSize(9);
        assertThat(ids.get("web/W1")).as("same person across silos").isEqualTo(ids.get("crm/C1"));
        assertThat(ids.get("web/W2")).isEqualTo(ids.get("crm/C2"));
        assertThat(ids.get("crm/C3")).as("father and son").isNotEqualTo(ids.get("crm/C4"));
        assertThat(ids.get("web/W6")).as("conflicting customer numbers C6 / C9").isNotEqualTo(ids.get("crm/C6"));
        Row conflict = pairsOf(hub).get("crm/C6|web/W6");
        assertThat(conflict.<String>getAs("decision")).isEqualTo("NO_LINK");
        assertThat(conflict.<Boolean>getAs("deterministic")).isTrue();
        Row linked = pairsOf(hub).get("crm/C1|web/W1");
        assertThat(linked.<String>getAs("gamma")).matches("\\d+(,\\d+)*");
        assertThat(linked.<Double>getAs("probability")).isGreaterThan(0.99);
    }

    @Test
    void anIncrementalNightGivesTheSameResultAsAFullRebuild() throws IOException {
        HubTables incremental = hub("inc");
        HubTables full = hub("full");
        night(incremental, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);
        night(full, "r1", CRM_NIGHT_1, WEB_NIGHT_1, true);

        StandardizeResult changes = night(incremental, "r2", CRM_NIGHT_2, WEB_NIGHT_2, false);
        night(full, "r2", CRM_NIGHT_2, WEB_NIGHT_2, true);

        assertThat(changes.newRecords()).isEqualTo(2);      // C5, W3
        assertThat(changes.changedRecords()).isEqualTo(1);  // C3's e-mail
        assertThat(changes.retiredRecords()).isEqualTo(2);  // C2 left the snapshot, W2 deleted
        assertThat(changes.unchangedRecords()).isEqualTo(3); // C1, C4, C6: not standardised nor rewritten again
        assertThat(lastChangedRun(incremental, "crm/C1")).isEqualTo("r1");
        assertThat(lastChangedRun(incremental, "crm/C3")).isEqualTo("r2");
        assertThat(lastChangedRun(incremental, "crm/C2")).as("retired by its absence from the snapshot").isEqualTo("r2");
        assertThat(pairSummary(incremental)).isEqualTo(pairSummary(full));
        assertThat(xref(incremental)).isEqualTo(xref(full));
        assertThat(xref(incremental)).doesNotContainKeys("crm/C2", "web/W2").containsKeys("crm/C5", "web/W3");
        assertThat(xref(incremental).get("web/W3")).isEqualTo(xref(incremental).get("crm/C5"));
    }

    @Test
    void aRecordBackAfterASnapshotRetiredItGetsItsGoldenIdBackAsAFullRebuildWouldGiveIt() throws IOException {
        HubTables incremental = hub("back-inc");
        HubTables full = hub("back-full");
        for (HubTables hub : List.of(incremental, full)) {
            boolean rebuild = hub == full;
            night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, rebuild);
            night(hub, "r2", CRM_NIGHT_2, WEB_NIGHT_2, rebuild);   // C2 left the snapshot, W2 deleted: Jean's id retired
            night(hub, "r3", CRM_NIGHT_1, List.of(), rebuild);     // C2 is back
        }
        String jean = spark().read().format("delta").load(incremental.goldenIdHistory())
                .where(col("event").equalTo("RETIRED").and(col("run_id").equalTo("r2"))).first().getAs("golden_id");

        assertThat(xref(incremental).get("crm/C2")).as("the id it had before").isEqualTo(jean);
        assertThat(history(incremental, jean)).containsExactly("CREATED r1", "RETIRED r2", "REVIVED r3");
        assertThat(spark().read().format("delta").load(incremental.retiredXref()).collectAsList())
                .extracting(r -> r.<String>getAs("record_key")).as("C2 is current again; W2 and C5 keep their last id")
                .containsExactlyInAnyOrder("web/W2", "crm/C5");
        assertThat(xref(incremental)).isEqualTo(xref(full));
    }

    @Test
    void rerunningANightChangesNothing() throws IOException {
        HubTables hub = hub("rerun");
        night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);
        Map<String, String> before = xref(hub);
        Set<String> pairsBefore = pairSummary(hub);
        long historyBefore = spark().read().format("delta").load(hub.goldenIdHistory()).count();

        night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);

        assertThat(xref(hub)).isEqualTo(before);
        assertThat(pairSummary(hub)).isEqualTo(pairsBefore);
        assertThat(spark().read().format("delta").load(hub.goldenIdHistory()).count()).isEqualTo(historyBefore);
        assertThat(spark().read().format("delta").load(hub.records()).count()).isEqualTo(9);
    }

    @Test
    void rerunningEachStepOfANightKeepsTheNightsCountsInTheRunsTable() throws IOException {
        HubTables hub = hub("counts");
        String contracts = Path.of(hub.root()).getParent().resolve("contracts").toString();
        writeSources(hub, CRM_NIGHT_1, WEB_NIGHT_1);
        assertThat(CliRun.hub("nightly", "--contracts", contracts, "--hub-root", hub.root(), "--run-id", "r1").exitCode()).isZero();
        writeSources(hub, CRM_NIGHT_2, WEB_NIGHT_2);
        CliRun night = CliRun.hub("nightly", "--contracts", contracts, "--hub-root", hub.root(), "--run-id", "r2");
        assertThat(night.exitCode()).as(night.err()).isZero();
        Map<String, Map<String, Long>> nightCounts = runCounts(hub, "r2");
        assertThat(nightCounts.get("standardize/*")).containsEntry("new", 2L).containsEntry("changed", 1L).containsEntry("retired", 2L);
        assertThat(nightCounts.get("golden/*")).as("C5 and W3 new, C3's e-mail changed, C2 and W2 gone")
                .containsEntry("inserted", 1L).containsEntry("updated", 1L).containsEntry("retired", 1L);

        for (List<String> step : List.of(List.of("ingest", "--contracts", contracts), List.of("standardize"), List.of("match"),
                List.of("cluster"), List.of("golden", "--contracts", contracts), List.of("review", "build"), List.of("report"))) {
            List<String> args = new java.util.ArrayList<>(step);
            args.addAll(List.of("--hub-root", hub.root(), "--run-id", "r2"));
            CliRun rerun = CliRun.hub(args.toArray(String[]::new));
            assertThat(rerun.exitCode()).as(step + ": " + rerun.err()).isZero();
        }

        Map<String, Map<String, Long>> afterReruns = runCounts(hub, "r2");
        assertThat(afterReruns.get("golden/*")).containsEntry(RunsTable.RERUNS, 1L);
        assertThat(afterReruns.get("cluster/*")).containsEntry(RunsTable.RERUNS, 1L);
        afterReruns.values().forEach(counts -> counts.remove(RunsTable.RERUNS));
        assertThat(afterReruns).isEqualTo(nightCounts);
    }

    /** Per step/source of one run: its counts and row counts. */
    private static Map<String, Map<String, Long>> runCounts(HubTables hub, String runId) {
        Map<String, Map<String, Long>> all = new java.util.TreeMap<>();
        for (Row row : RunsTable.read(spark(), hub).where(col("run_id").equalTo(runId)).collectAsList()) {
            Map<String, Long> counts = new java.util.TreeMap<>(row.<String, Long>getJavaMap(row.fieldIndex("counts")));
            counts.put("rows_read", row.getAs("rows_read"));
            counts.put("rows_accepted", row.getAs("rows_accepted"));
            counts.put("rows_quarantined", row.getAs("rows_quarantined"));
            all.put(row.getAs("step") + "/" + row.getAs("source"), counts);
        }
        return all;
    }

    @Test
    void goldenIdsPersistThroughAMergeAndASplitAndRetiredIdsPointToTheirSuccessor() throws IOException {
        HubTables hub = hub("ids");
        night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);
        Map<String, String> first = xref(hub);
        String marie = first.get("crm/C1");
        String other = first.get("web/W7");
        assertThat(other).isNotEqualTo(marie);

        String mustLink = StewardDecisions.record(spark(), hub, StewardDecisions.MUST_LINK, "web/W1", "web/W7", "steward-1", "same person");
        night(hub, "r2", CRM_NIGHT_1, List.of(), false);
        Map<String, String> merged = xref(hub);
        String survivor = merged.get("crm/C1");
        assertThat(merged.get("web/W7")).isEqualTo(survivor).isEqualTo(merged.get("web/W1"));
        assertThat(survivor).isIn(marie, other);
        String retired = survivor.equals(marie) ? other : marie;
        assertThat(history(hub)).contains(retired + " MERGED_INTO " + survivor);
        assertThat(merged.get("crm/C2")).as("untouched customers keep their id").isEqualTo(first.get("crm/C2"));

        StewardDecisions.undo(spark(), hub, mustLink);
        night(hub, "r3", CRM_NIGHT_1, List.of(), false);
        Map<String, String> split = xref(hub);
        assertThat(split.get("web/W1")).as("the larger part keeps the id").isEqualTo(survivor);
        assertThat(split.get("crm/C1")).isEqualTo(survivor);
        String splitId = split.get("web/W7");
        assertThat(splitId).isNotEqualTo(survivor);
        assertThat(history(hub)).contains(splitId + " SPLIT_FROM " + survivor);

        StewardDecisions.record(spark(), hub, StewardDecisions.CANNOT_LINK, "crm/C1", "web/W1", "steward-2", "not the same person");
        night(hub, "r4", CRM_NIGHT_1, List.of(), false);
        assertThat(xref(hub).get("crm/C1")).isNotEqualTo(xref(hub).get("web/W1"));
    }

    @Test
    void trainingSavesAPromotedModelVersionThatTheNextMatchUses() throws IOException {
        HubTables hub = hub("train");
        night(hub, "r1", CRM_NIGHT_1, WEB_NIGHT_1, false);

        TrainAction.Result trained = new TrainAction(spark(), hub, "r1", MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, true).execute();

        assertThat(trained.version()).isNotEqualTo(Settings.defaults().version());
        assertThat(trained.randomPairs()).isEqualTo(9 * 8 / 2);
        assertThat(trained.blockedPairs()).isPositive();
        assertThat(ModelStore.current(spark(), hub, null).version()).isEqualTo(trained.version());
        MatchResult rematched = new MatchAction(spark(), new MatchAction.Options(hub, "r2", true, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        assertThat(rematched.modelVersion()).isEqualTo(trained.version());
        assertThat(spark().read().format("delta").load(hub.pairs()).select("model_version").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly(trained.version());
    }

    @Test
    void oversizedBlocksAreSkippedAndReported() throws IOException {
        HubTables hub = hub("caps");
        writeSources(hub, CRM_NIGHT_1, WEB_NIGHT_1);
        ingestAndStandardize(hub, "r1");

        MatchResult result = new MatchAction(spark(), new MatchAction.Options(hub, "r1", false, 1, null)).execute();

        assertThat(result.pairs()).isZero();
        assertThat(result.cappedBlocks()).isNotEmpty();
        assertThat(result.recordsInCappedBlocks().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    private static final String ID_CONTRACT = """
            {"name": "bank", "format": "csv", "path": "../bank.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
             "extract": {"mode": "full"},
             "fields": [{"column": "given", "target": "given_name"}, {"column": "family", "target": "family_name", "required": true},
                        {"column": "dob", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy"]},
                        {"column": "nid", "target": "national_id"}, {"column": "address", "target": "address_line1"},
                        {"column": "postcode", "target": "postcode"}, {"column": "city", "target": "city"}]}
            """;

    @Test
    void aNationalIdLinksAReplacedGivenNameAndAHubFromAnOlderReleaseGainsTheColumn() throws IOException {
        HubTables hub = hub("nid");
        Path base = Path.of(hub.root()).getParent();
        Path contracts = Files.createDirectories(base.resolve("contracts"));
        Files.writeString(contracts.resolve("bank.json"), ID_CONTRACT);
        String header = "id;given;family;dob;nid;address;postcode;city\n";
        String danielle = "B1;Danielle;Webb;03/08/1972;564-3210;14 King Street;2600;Canberra\n";
        String elki = "B2;Elki;Webb;03/08/1972;5643210;14 King Street;2600;Canberra\n";
        String twin = "B3;Elsa;Webb;03/08/1972;889 1204;14 King Street;2600;Canberra\n";
        Files.writeString(base.resolve("bank.csv"), header + danielle + twin);
        ingestAndStandardize(hub, "r1");
        // The records table as a release without std_national_id wrote it.
        spark().read().format("delta").load(hub.records()).drop("std_national_id")
                .write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(hub.records());

        Files.writeString(base.resolve("bank.csv"), header + danielle + elki + twin);
        StandardizeResult upgraded = ingestAndStandardize(hub, "r2");
        new MatchAction(spark(), new MatchAction.Options(hub, "r2", false, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark(), new ClusterAction.Options(hub, "r2", ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();

        assertThat(upgraded.newRecords()).isEqualTo(1);
        assertThat(upgraded.changedRecords()).as("records of the older release standardised again").isEqualTo(2);
        assertThat(spark().read().format("delta").load(hub.records()).where(col("std_national_id").isNotNull()).count()).isEqualTo(3);
        Map<String, String> ids = xref(hub);
        assertThat(ids.get("bank/B2")).as("same national id, given name replaced").isEqualTo(ids.get("bank/B1"));
        assertThat(ids.get("bank/B3")).as("a relative with her own national id").isNotEqualTo(ids.get("bank/B1"));
    }

    private static String lastChangedRun(HubTables hub, String recordKey) {
        return spark().read().format("delta").load(hub.records()).where(col("record_key").equalTo(recordKey))
                .first().getAs("last_changed_run");
    }

    private StandardizeResult night(HubTables hub, String runId, List<String> crm, List<String> web, boolean full) throws IOException {
        writeSources(hub, crm, web);
        StandardizeResult result = ingestAndStandardize(hub, runId);
        new MatchAction(spark(), new MatchAction.Options(hub, runId, full, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark(), new ClusterAction.Options(hub, runId, ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();
        return result;
    }

    private StandardizeResult ingestAndStandardize(HubTables hub, String runId) {
        Path contracts = Path.of(hub.root()).getParent().resolve("contracts");
        IngestJob.run(spark(), ContractLoader.loadAll(contracts.toString(), spark().sparkContext().hadoopConfiguration()),
                new IngestOptions(hub, runId, 0.5));
        return new StandardizeAction(spark(), hub, runId).execute();
    }

    private void writeSources(HubTables hub, List<String> crm, List<String> web) throws IOException {
        Path base = Path.of(hub.root()).getParent();
        Path contracts = Files.createDirectories(base.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), CRM_CONTRACT);
        Files.writeString(contracts.resolve("web.json"), WEB_CONTRACT);
        Files.writeString(base.resolve("crm.csv"), HEADER + "\n" + String.join("\n", crm) + "\n");
        Files.writeString(base.resolve("web.jsonl"), String.join("\n", web) + "\n");
    }

    private HubTables hub(String name) throws IOException {
        return new HubTables(Files.createDirectories(tempDir.resolve(name)).resolve("hub").toString());
    }

    private Map<String, String> xref(HubTables hub) {
        Map<String, String> ids = new HashMap<>();
        for (Row row : spark().read().format("delta").load(hub.xref()).collectAsList()) {
            ids.put(row.getAs("record_key"), row.getAs("golden_id"));
        }
        return ids;
    }

    private Map<String, Row> pairsOf(HubTables hub) {
        return spark().read().format("delta").load(hub.pairs()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("left_key") + "|" + r.getAs("right_key"), r -> r));
    }

    private Set<String> pairSummary(HubTables hub) {
        return spark().read().format("delta").load(hub.pairs()).select("left_key", "right_key", "gamma", "decision")
                .collectAsList().stream().map(Row::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private List<String> history(HubTables hub, String goldenId) {
        return spark().read().format("delta").load(hub.goldenIdHistory()).where(col("golden_id").equalTo(goldenId)).orderBy("at")
                .collectAsList().stream().map(r -> r.getAs("event") + " " + r.getAs("run_id")).toList();
    }

    private List<String> history(HubTables hub) {
        return spark().read().format("delta").load(hub.goldenIdHistory()).where(col("related_id").isNotNull())
                .collectAsList().stream().map(r -> r.getAs("golden_id") + " " + r.getAs("event") + " " + r.getAs("related_id")).toList();
    }
}
