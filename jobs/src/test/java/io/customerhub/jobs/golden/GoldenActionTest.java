package io.customerhub.jobs.golden;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.export.ExportAction;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.spark.SparkTestBase;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.survivorship.SurvivorshipSettings;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The golden step on real Delta tables after a real ingest -> standardize -> match -> cluster. */
class GoldenActionTest extends SparkTestBase {

    private static final String CRM_CONTRACT = """
            {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
             "extract": {"mode": "full"},
             "fields": [{"column": "id", "target": "customer_number"},
                        {"column": "given", "target": "given_name"}, {"column": "family", "target": "family_name", "required": true},
                        {"column": "birth", "target": "birth_name"}, {"column": "gender", "target": "gender"},
                        {"column": "dob", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy", "yyyy"]},
                        {"column": "email", "target": "email"}, {"column": "city", "target": "city"},
                        {"column": "optin", "target": "consent_email", "trueValues": ["O"], "falseValues": ["N"]},
                        {"column": "consent_at", "target": "consent_updated_at", "datePatterns": ["yyyy-MM-dd"]},
                        {"column": "updated", "target": "updated_at", "datePatterns": ["yyyy-MM-dd"]}],
             "trust": {"*": 0.9}}
            """;
    private static final String WEB_CONTRACT = """
            {"name": "web", "format": "jsonl", "path": "../web.jsonl", "idColumn": "uid",
             "extract": {"mode": "delta", "deletedFlagColumn": "deleted"},
             "fields": [{"column": "crm_no", "target": "customer_number", "refersTo": "crm"},
                        {"column": "first", "target": "given_name"}, {"column": "last", "target": "family_name", "required": true},
                        {"column": "birth", "target": "birth_name"}, {"column": "gender", "target": "gender"},
                        {"column": "dob", "target": "date_of_birth"}, {"column": "mail", "target": "email"},
                        {"column": "optin", "target": "consent_email"}, {"column": "updated", "target": "updated_at"}],
             "trust": {"*": 0.4, "email": 0.95}}
            """;
    private static final String CRM_HEADER = "id;given;family;birth;gender;dob;email;city;optin;consent_at;updated";
    private static final List<String> CRM_1 = List.of(
            "C1;Marie;Dupont;;M;1980;marie.dupont@example.fr;Paris;O;2025-01-01;2024-01-01",
            "C2;Jean;Martin;;M;01/05/1975;jean.martin@example.fr;Lyon;O;2025-01-01;2024-01-01",
            "C3;Paul;Durand;;M;22/07/1990;paul.durand@example.fr;Bordeaux;;;2024-01-01",
            "C4;Lucie;Bernard;;F;30/11/1988;lucie.bernard@example.fr;Lille;;;2024-01-01");
    private static final List<String> WEB_1 = List.of(
            "{\"uid\": \"W1\", \"crm_no\": \"C1\", \"first\": \"Marie-Claire\", \"last\": \"Dupont-Leroy\", \"birth\": \"Leroy\", \"gender\": \"F\","
                    + " \"dob\": \"1980-02-13\", \"mail\": \"m.leroy@example.fr\", \"optin\": \"false\", \"updated\": \"2025-03-01T00:00:00Z\"}",
            "{\"uid\": \"W8\", \"crm_no\": \"C1\", \"first\": \"Marie\", \"last\": \"Dupont\", \"gender\": \"F\", \"updated\": \"2023-01-01T00:00:00Z\"}",
            "{\"uid\": \"W7\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"dob\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}");
    /** Night 2: Paul changes his e-mail, Lucie leaves the snapshot, Hugo's web account now names Jean's customer number. */
    private static final List<String> CRM_2 = List.of(CRM_1.get(0), CRM_1.get(1),
            "C3;Paul;Durand;;M;22/07/1990;p.durand@example.fr;Bordeaux;;;2025-06-01");
    private static final List<String> WEB_2 = List.of(
            "{\"uid\": \"W7\", \"crm_no\": \"C2\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"dob\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}");
    /** Night 3: Marie moves, Nina is new, Hugo's account drops Jean's number again (a split), a new web account names Marie's number. */
    private static final List<String> CRM_3 = List.of(
            "C1;Marie;Dupont;;M;1980;marie.dupont@example.fr;Versailles;O;2025-01-01;2025-07-01", CRM_2.get(1), CRM_2.get(2),
            "C5;Nina;Roux;;F;02/02/1992;nina.roux@example.fr;Nantes;N;2025-07-01;2025-07-01");
    private static final List<String> WEB_3 = List.of(
            "{\"uid\": \"W7\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"dob\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}",
            "{\"uid\": \"W9\", \"crm_no\": \"C1\", \"first\": \"Marie\", \"last\": \"Dupont\", \"mail\": \"marie.d@example.fr\","
                    + " \"optin\": \"true\", \"updated\": \"2025-07-02T00:00:00Z\"}");

    @Test
    void eachAttributeSurvivesByItsRulesWithProvenanceAndTheLatestOptOutWins() throws IOException {
        HubTables hub = hub("rules");
        resolve(hub, "r1", CRM_1, WEB_1);
        SurvivorshipSettings settings = SurvivorshipSettings.fromJson(
                "{\"version\": \"t1\", \"attributes\": {\"given_name\": [\"most_recent\"], \"gender\": [\"most_frequent\", \"source_trust\"]}}");

        GoldenResult result = golden(hub, "r1", settings);

        assertThat(result.inserted()).isEqualTo(result.activeIds()).isEqualTo(5);   // Marie (3 records), Jean, Paul, Lucie, Hugo
        assertThat(result.records()).isEqualTo(7);
        Row marie = goldenRow(hub, goldenIdOf(hub, "crm/C1"));
        assertThat(marie.<Integer>getAs("record_count")).isEqualTo(3);
        assertValue(marie, "family_name", "Dupont", "crm", "C1");           // source_trust: crm 0.9 over web 0.4
        assertValue(marie, "given_name", "Marie-Claire", "web", "W1");     // most_recent (override)
        assertValue(marie, "gender", "F", "web", "W1");                    // most_frequent: F twice, M once (crm trusted more)
        assertValue(marie, "date_of_birth", "1980-02-13", "web", "W1");    // most_complete beats crm's "1980"
        assertValue(marie, "birth_name", "Leroy", "web", "W1");            // crm's blank never wins
        assertThat(marie.<Row>getAs("given_name").<java.sql.Timestamp>getAs("updated_at").toInstant())
                .hasToString("2025-03-01T00:00:00Z");
        List<Row> emails = marie.getList(marie.fieldIndex("emails"));
        assertThat(emails).extracting(e -> e.getString(0)).containsExactly("m.leroy@example.fr", "marie.dupont@example.fr");
        assertThat(emails.get(0).<String>getList(1)).containsExactly("web/W1");
        assertThat(marie.getList(marie.fieldIndex("customer_numbers"))).extracting(e -> ((Row) e).getString(0)).containsExactly("crm:C1");
        Row consent = marie.getAs("consent_email");
        assertThat(consent.<Boolean>getAs("granted")).as("web opt-out of 2025-03-01 beats crm opt-in of 2025-01-01").isFalse();
        assertThat(consent.<String>getAs("source_system")).isEqualTo("web");
        assertThat(marie.<Row>getAs("consent_sms")).isNull();
        assertThat(goldenRow(hub, goldenIdOf(hub, "crm/C2")).<Row>getAs("consent_email").<Boolean>getAs("granted")).isTrue();

        Row run = RunsTable.read(spark(), hub).where(col("step").equalTo("golden")).first();
        assertThat(run.<Long>getAs("rows_read")).isEqualTo(7);
        assertThat(run.<scala.collection.Map<String, Long>>getAs("counts").apply("inserted")).isEqualTo(5L);

        assertPublishedSchema(hub.golden(), "golden", GoldenTable.SCHEMA_VERSION);
        assertPublishedSchema(hub.xref(), "xref", null);
        assertThat(DeltaTable.forPath(spark(), hub.golden()).detail().first().<scala.collection.Map<String, String>>getAs("properties")
                .apply("customerhub.schema.version")).isEqualTo(GoldenTable.SCHEMA_VERSION);

        ExportAction export = new ExportAction(spark(), hub);
        assertThat(export.export("golden", ExportAction.Format.CSV, tempDir.resolve("g.csv").toString(), null, 1, false).rows()).isEqualTo(5);
        assertThat(export.export("golden", ExportAction.Format.JSONL, tempDir.resolve("g.jsonl").toString(), null, 1, false).rows()).isEqualTo(5);
        try (Stream<Path> parts = Files.list(tempDir.resolve("g.jsonl"))) {
            String jsonl = Files.readString(parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow());
            assertThat(jsonl.lines()).hasSize(5).allSatisfy(l -> assertThat(l).contains("\"golden_id\""));
        }
    }

    @Test
    void aSecondNightRewritesOnlyChangedCustomersAndRetiresIdsWithTheirSuccessor() throws IOException {
        HubTables hub = hub("cdf");
        resolve(hub, "r1", CRM_1, WEB_1);
        GoldenResult first = golden(hub, "r1", SurvivorshipSettings.defaults());
        long versionAfterNight1 = version(hub);
        assertThat(first.inserted()).isEqualTo(5);
        assertThat(first.rowsRewritten()).as("the first load writes every row once").isEqualTo(5);
        Map<String, List<String>> loaded = changeFeed(hub, 0);
        assertThat(loaded).as("the first load's change feed: one insert per golden id").hasSize(5)
                .allSatisfy((id, changes) -> assertThat(changes).containsExactly("insert"));
        String marie = goldenIdOf(hub, "crm/C1");
        String jean = goldenIdOf(hub, "crm/C2");
        String paul = goldenIdOf(hub, "crm/C3");
        String lucie = goldenIdOf(hub, "crm/C4");
        String hugo = goldenIdOf(hub, "web/W7");

        resolve(hub, "r2", CRM_2, WEB_2);
        GoldenResult second = golden(hub, "r2", SurvivorshipSettings.defaults());

        String survivor = goldenIdOf(hub, "crm/C2");
        assertThat(goldenIdOf(hub, "web/W7")).isEqualTo(survivor).isIn(jean, hugo);
        String merged = survivor.equals(jean) ? hugo : jean;
        Row retired = goldenRow(hub, merged);
        assertThat(retired.<String>getAs("status")).isEqualTo("retired");
        assertThat(retired.<String>getAs("successor_golden_id")).isEqualTo(survivor);
        assertThat(retired.<Row>getAs("family_name")).as("a retired row keeps no personal data").isNull();
        Row gone = goldenRow(hub, lucie);
        assertThat(gone.<String>getAs("status")).isEqualTo("retired");
        assertThat(gone.<String>getAs("successor_golden_id")).as("every record gone: no successor").isNull();
        assertThat(goldenRow(hub, survivor).<Integer>getAs("record_count")).isEqualTo(2);

        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).isEqualTo(2);      // Paul's e-mail, the survivor's new record
        assertThat(second.retired()).isEqualTo(2);      // merged id, Lucie
        assertThat(second.unchanged()).isEqualTo(1);    // Marie
        assertThat(second.goldenIds()).isEqualTo(5);
        assertThat(second.rowsRewritten()).as("deletion vectors: the merge writes the changed rows and copies no unchanged one").isEqualTo(4);

        Map<String, List<String>> changes = changeFeed(hub, versionAfterNight1 + 1);
        assertThat(changes).containsOnlyKeys(paul, survivor, merged, lucie).doesNotContainKey(marie);
        assertThat(changes.get(paul)).containsExactlyInAnyOrder("update_preimage", "update_postimage");
        assertThat(goldenRow(hub, paul).<String>getAs("last_changed_run")).isEqualTo("r2");
        assertThat(goldenRow(hub, marie).<String>getAs("last_changed_run")).isEqualTo("r1");

        long versionAfterNight2 = version(hub);
        GoldenResult rerun = golden(hub, "r2", SurvivorshipSettings.defaults());
        assertThat(rerun.unchanged()).isEqualTo(5);
        assertThat(rerun.inserted() + rerun.updated() + rerun.retired()).isZero();
        assertThat(version(hub)).as("a rerun writes no new version").isEqualTo(versionAfterNight2);
    }

    @Test
    void anIncrementalNightPublishesTheSameTableAndCountsAsAFullRecomputation() throws IOException {
        HubTables incremental = hub("inc");
        HubTables full = hub("full");
        List<List<List<String>>> nights = List.of(List.of(CRM_1, WEB_1), List.of(CRM_2, WEB_2), List.of(CRM_3, WEB_3));
        for (int night = 1; night <= nights.size(); night++) {
            String runId = "r" + night;
            resolve(incremental, runId, nights.get(night - 1).get(0), nights.get(night - 1).get(1));
            resolve(full, runId, nights.get(night - 1).get(0), nights.get(night - 1).get(1));

            GoldenResult inc = golden(incremental, runId, SurvivorshipSettings.defaults(), false);
            GoldenResult all = golden(full, runId, SurvivorshipSettings.defaults(), true);

            assertThat(inc).as("counts of night " + night).isEqualTo(all);
            assertThat(goldenTable(incremental)).as("golden table after night " + night).isEqualTo(goldenTable(full));
            assertThat(goldenRunCounts(incremental, runId)).isEqualTo(goldenRunCounts(full, runId));
            assertThat(goldenRunMessage(full, runId)).contains("full: " + all.activeIds() + " of " + all.activeIds());
            if (night == 1) {
                assertThat(goldenRunMessage(incremental, runId)).as("a new golden table is computed in full").contains("full:");
            } else {
                assertThat(goldenRunMessage(incremental, runId)).contains("incremental:")
                        .doesNotContain("incremental: " + inc.activeIds() + " of");
            }
        }
        assertThat(historyEvents(incremental)).as("the nights merged and split clusters").contains("MERGED_INTO", "SPLIT_FROM", "RETIRED");
        GoldenResult last = golden(full, "r3", SurvivorshipSettings.defaults(), true);
        assertThat(last.inserted() + last.updated() + last.retired()).isZero();
        assertThat(golden(incremental, "r3", SurvivorshipSettings.defaults(), false)).as("a rerun counts as a full one").isEqualTo(last);
    }

    @Test
    void aNightWhoseGoldenStepDidNotRunIsPublishedByTheNextAndAnErasedRowIsRebuilt() throws IOException {
        HubTables hub = hub("skipped");
        resolve(hub, "r1", CRM_1, WEB_1);
        golden(hub, "r1", SurvivorshipSettings.defaults(), false);
        resolve(hub, "r2", CRM_2, WEB_2);                     // golden of r2 failed or was skipped
        resolve(hub, "r3", CRM_3, WEB_3);
        GoldenResult night3 = golden(hub, "r3", SurvivorshipSettings.defaults(), false);
        assertThat(goldenRunMessage(hub, "r3")).contains("incremental:");
        assertThat(goldenRow(hub, goldenIdOf(hub, "crm/C3")).<Object>getAs("emails").toString()).as("r2's change").contains("p.durand@example.fr");

        long version = version(hub);
        GoldenResult recomputed = golden(hub, "r3", SurvivorshipSettings.defaults(), true);
        assertThat(recomputed.inserted() + recomputed.updated() + recomputed.retired()).as("nothing left to publish").isZero();
        assertThat(recomputed.unchanged()).isEqualTo(night3.goldenIds());
        assertThat(version(hub)).isEqualTo(version);

        // An erasure deletes the golden row of an id that keeps other records: the next run rebuilds it.
        String marie = goldenIdOf(hub, "crm/C1");
        DeltaTable.forPath(spark(), hub.golden()).delete(col("golden_id").equalTo(marie));
        GoldenResult rebuilt = golden(hub, "r4", SurvivorshipSettings.defaults(), false);
        assertThat(goldenRunMessage(hub, "r4")).contains("incremental: 1 of");
        assertThat(rebuilt.inserted()).isEqualTo(1);
        assertThat(goldenRow(hub, marie).<String>getAs("status")).isEqualTo("active");
    }

    @Test
    void otherSurvivorshipSettingsOrTrustRecomputeEveryGoldenId() throws IOException {
        HubTables hub = hub("settings");
        resolve(hub, "r1", CRM_1, WEB_1);
        golden(hub, "r1", SurvivorshipSettings.defaults(), false);
        String marie = goldenIdOf(hub, "crm/C1");
        assertValue(goldenRow(hub, marie), "given_name", "Marie", "crm", "C1");
        String fingerprint = fingerprint(hub);
        golden(hub, "r2", SurvivorshipSettings.defaults(), false);
        assertThat(goldenRunMessage(hub, "r2")).as("no record changed").contains("incremental: 0 of 5");
        assertThat(fingerprint(hub)).isEqualTo(fingerprint);

        SurvivorshipSettings recent = SurvivorshipSettings.fromJson("{\"version\": \"t2\", \"attributes\": {\"given_name\": [\"most_recent\"]}}");
        GoldenResult result = golden(hub, "r3", recent, false);
        assertThat(goldenRunMessage(hub, "r3")).contains("full: 5 of 5");
        assertThat(result.updated()).isEqualTo(1);
        assertValue(goldenRow(hub, marie), "given_name", "Marie-Claire", "web", "W1");
        assertThat(fingerprint(hub)).isNotEqualTo(fingerprint).isEqualTo(GoldenAction.settingsFingerprint(recent, trust(hub)));

        Path crmContract = Path.of(hub.root()).getParent().resolve("contracts").resolve("crm.json");
        Files.writeString(crmContract, CRM_CONTRACT.replace("\"trust\": {\"*\": 0.9}", "\"trust\": {\"*\": 0.1}"));
        golden(hub, "r4", recent, false);
        assertThat(goldenRunMessage(hub, "r4")).as("the crm contract now trusts its source less").contains("full: 5 of 5");
        assertValue(goldenRow(hub, marie), "family_name", "Dupont-Leroy", "web", "W1");
    }

    private List<String> goldenTable(HubTables hub) {
        return spark().read().format("delta").load(hub.golden()).orderBy("golden_id").collectAsList().stream().map(Row::toString).toList();
    }

    private Map<String, Long> goldenRunCounts(HubTables hub, String runId) {
        return scala.jdk.javaapi.CollectionConverters.asJava(goldenRun(hub, runId).<scala.collection.Map<String, Long>>getAs("counts"));
    }

    private String goldenRunMessage(HubTables hub, String runId) {
        return goldenRun(hub, runId).getAs("message");
    }

    private Row goldenRun(HubTables hub, String runId) {
        return RunsTable.read(spark(), hub).where(col("step").equalTo("golden").and(col("run_id").equalTo(runId))).first();
    }

    private List<String> historyEvents(HubTables hub) {
        return spark().read().format("delta").load(hub.goldenIdHistory()).select("event").collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    private String fingerprint(HubTables hub) {
        return DeltaTable.forPath(spark(), hub.golden()).detail().first().<scala.collection.Map<String, String>>getAs("properties")
                .apply(GoldenAction.FINGERPRINT_PROPERTY);
    }

    private void assertPublishedSchema(String path, String table, String expectedVersion) throws IOException {
        JsonNode published;
        try (InputStream in = getClass().getResourceAsStream("/schemas/tables/" + table + ".schema.json")) {
            assertThat(in).as("schemas/tables/" + table + ".schema.json on the classpath").isNotNull();
            published = new ObjectMapper().readTree(in);
        }
        if (expectedVersion != null) {
            assertThat(published.get("version").asText()).isEqualTo(expectedVersion);
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode column : published.get("columns")) {
            expected.add(column.get("name").asText() + " " + column.get("type").asText() + (column.get("nullable").asBoolean() ? "" : " not null"));
        }
        StructType actual = spark().read().format("delta").load(path).schema();
        List<String> stored = new ArrayList<>();
        for (StructField f : actual.fields()) {
            stored.add(f.name() + " " + f.dataType().catalogString() + (f.nullable() ? "" : " not null"));
        }
        assertThat(stored).as("the " + table + " table must match its published schema; change both and bump the version").isEqualTo(expected);
    }

    private Map<String, List<String>> changeFeed(HubTables hub, long fromVersion) {
        Map<String, List<String>> byId = new HashMap<>();
        for (Row row : spark().read().format("delta").option("readChangeFeed", "true").option("startingVersion", fromVersion)
                .load(hub.golden()).select("golden_id", "_change_type").collectAsList()) {
            byId.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row.getString(1));
        }
        return byId;
    }

    private long version(HubTables hub) {
        return DeltaTable.forPath(spark(), hub.golden()).history(1).first().<Long>getAs("version");
    }

    private static void assertValue(Row golden, String column, String value, String source, String id) {
        Row v = golden.getAs(column);
        assertThat(v).as(column).isNotNull();
        assertThat(v.<String>getAs("value")).as(column).isEqualTo(value);
        assertThat(v.<String>getAs("source_system") + "/" + v.<String>getAs("source_id")).as(column + " provenance").isEqualTo(source + "/" + id);
    }

    private Row goldenRow(HubTables hub, String goldenId) {
        return spark().read().format("delta").load(hub.golden()).where(col("golden_id").equalTo(goldenId)).first();
    }

    private String goldenIdOf(HubTables hub, String recordKey) {
        return spark().read().format("delta").load(hub.xref()).where(col("record_key").equalTo(recordKey)).first().getAs("golden_id");
    }

    private GoldenResult golden(HubTables hub, String runId, SurvivorshipSettings settings) {
        return golden(hub, runId, settings, false);
    }

    private GoldenResult golden(HubTables hub, String runId, SurvivorshipSettings settings, boolean full) {
        return new GoldenAction(spark(), new GoldenAction.Options(hub, runId, trust(hub), settings), full).execute();
    }

    private io.customerhub.matching.survivorship.SourceTrust trust(HubTables hub) {
        Path contracts = Path.of(hub.root()).getParent().resolve("contracts");
        return GoldenAction.trustFrom(ContractLoader.loadAll(contracts.toString(), spark().sparkContext().hadoopConfiguration())
                .stream().map(ContractLoader.LoadedContract::contract).toList());
    }

    private void resolve(HubTables hub, String runId, List<String> crm, List<String> web) throws IOException {
        Path base = Path.of(hub.root()).getParent();
        Path contracts = Files.createDirectories(base.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), CRM_CONTRACT);
        Files.writeString(contracts.resolve("web.json"), WEB_CONTRACT);
        Files.writeString(base.resolve("crm.csv"), CRM_HEADER + "\n" + String.join("\n", crm) + "\n");
        Files.writeString(base.resolve("web.jsonl"), String.join("\n", web) + "\n");
        IngestJob.run(spark(), ContractLoader.loadAll(contracts.toString(), spark().sparkContext().hadoopConfiguration()),
                new IngestOptions(hub, runId, 0.5));
        new StandardizeAction(spark(), hub, runId).execute();
        new MatchAction(spark(), new MatchAction.Options(hub, runId, false, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark(), new ClusterAction.Options(hub, runId, ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();
        assertXrefMatchesCurrentRecords(hub, runId);
    }

    /** Cluster writes only changed xref rows: the table must still hold exactly the current records, with true sizes. */
    private void assertXrefMatchesCurrentRecords(HubTables hub, String runId) {
        Dataset<Row> xref = spark().read().format("delta").load(hub.xref());
        List<String> current = spark().read().format("delta").load(hub.records()).where(col("retired").equalTo(false))
                .select("record_key").as(Encoders.STRING()).collectAsList();
        assertThat(xref.select("record_key").as(Encoders.STRING()).collectAsList()).as("xref keys after " + runId)
                .containsExactlyInAnyOrderElementsOf(current);
        Dataset<Row> sizes = xref.groupBy("golden_id").agg(org.apache.spark.sql.functions.count(lit(1)).cast("int").as("members"));
        assertThat(xref.join(sizes, "golden_id").where(col("cluster_size").notEqual(col("members"))).count())
                .as("xref rows whose cluster_size is not their golden id's member count after " + runId).isZero();
    }

    private HubTables hub(String name) throws IOException {
        return new HubTables(Files.createDirectories(tempDir.resolve(name)).resolve("hub").toString());
    }
}
