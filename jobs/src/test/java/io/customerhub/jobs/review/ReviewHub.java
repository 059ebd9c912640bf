package io.customerhub.jobs.review;

import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.table.HubTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A small two-source hub on real Delta tables for the review tests: nights of ingest -> standardize -> match -> cluster. */
public final class ReviewHub {

    public static final String CRM_CONTRACT = """
            {"name": "crm", "format": "csv", "path": "../crm.csv", "csv": {"delimiter": ";"}, "idColumn": "id",
             "extract": {"mode": "full"},
             "fields": [{"column": "given", "target": "given_name"}, {"column": "family", "target": "family_name", "required": true},
                        {"column": "dob", "target": "date_of_birth", "datePatterns": ["dd/MM/yyyy", "yyyy"]},
                        {"column": "email", "target": "email"}, {"column": "address", "target": "address_line1"},
                        {"column": "postcode", "target": "postcode"}, {"column": "city", "target": "city"},
                        {"column": "id", "target": "customer_number"}]}
            """;
    public static final String WEB_CONTRACT = """
            {"name": "web", "format": "jsonl", "path": "../web.jsonl", "idColumn": "uid",
             "extract": {"mode": "full"},
             "fields": [{"column": "first", "target": "given_name"}, {"column": "last", "target": "family_name", "required": true},
                        {"column": "birth", "target": "date_of_birth"}, {"column": "mail", "target": "email"},
                        {"column": "city", "target": "city"}, {"column": "crm_no", "target": "customer_number", "refersTo": "crm"}]}
            """;
    public static final String HEADER = "id;given;family;dob;email;address;postcode;city";

    public static final List<String> CRM = List.of(
            "C1;Marie;Dupont;13/02/1980;marie.dupont@example.fr;12 rue de la Paix;75002;Paris",
            "C2;Jean;Martin;01/05/1975;jean.martin@example.fr;3 avenue Foch;69006;Lyon",
            "C3;Paul;Durand;22/07/1990;paul.durand@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C4;Paul;Durand;14/03/1962;durand.famille@example.fr;8 rue Victor Hugo;33000;Bordeaux",
            "C6;Camille;Petit;05/09/1985;camille.petit@example.fr;4 rue Nationale;59000;Lille",
            "C7;Lucas;Moreau;02/02/1970;lucas.moreau@example.fr;5 rue Pasteur;44000;Nantes",
            "C8;Emma;Leroy;1991;emma.leroy@example.fr;9 quai Rambaud;69002;Lyon");
    public static final List<String> WEB = List.of(
            "{\"uid\": \"W1\", \"first\": \"Marie\", \"last\": \"DUPONT\", \"birth\": \"1980-02-13\", \"mail\": \"Marie.Dupont@example.fr\"}",
            "{\"uid\": \"W2\", \"first\": \"Jean\", \"last\": \"Martin\", \"birth\": \"1975-05-01\", \"mail\": \"jean.martin@example.fr\"}",
            "{\"uid\": \"W6\", \"first\": \"Camile\", \"last\": \"Petit\", \"birth\": \"1985-09-05\", \"mail\": \"camille.petit@example.fr\", \"crm_no\": \"C9\"}",
            "{\"uid\": \"W7\", \"first\": \"Hugo\", \"last\": \"Lambert\", \"birth\": \"1979-04-18\", \"mail\": \"hugo.lambert@example.fr\"}",
            "{\"uid\": \"W8\", \"first\": \"Lucas\", \"last\": \"Moreau\", \"birth\": \"1970-02-03\", \"city\": \"Nantes\"}",
            "{\"uid\": \"W9\", \"first\": \"Emma\", \"last\": \"Leroy\", \"birth\": \"1991-06-01\", \"city\": \"Lyon\"}",
            "{\"uid\": \"W10\", \"first\": \"Jean\", \"last\": \"Martin\", \"city\": \"Lyon\"}");
    /** The same web extract with the uncertain records' family names in capitals: new record versions, the same normalised values. */
    public static final List<String> WEB_RECASED = WEB.stream()
            .map(line -> line.replace("\"Moreau\"", "\"MOREAU\"").replace("\"Leroy\"", "\"LEROY\"")
                    .replace("\"uid\": \"W10\", \"first\": \"Jean\", \"last\": \"Martin\"", "\"uid\": \"W10\", \"first\": \"Jean\", \"last\": \"MARTIN\""))
            .toList();

    private final SparkSession spark;
    public final HubTables tables;
    private final Path base;

    public ReviewHub(SparkSession spark, Path dir) throws IOException {
        this.spark = spark;
        this.base = Files.createDirectories(dir);
        this.tables = new HubTables(base.resolve("hub").toString());
    }

    /** One night on these extracts, the review queue included. */
    public void night(String runId, List<String> crm, List<String> web) throws IOException {
        Path contracts = Files.createDirectories(base.resolve("contracts"));
        Files.writeString(contracts.resolve("crm.json"), CRM_CONTRACT);
        Files.writeString(contracts.resolve("web.json"), WEB_CONTRACT);
        Files.writeString(base.resolve("crm.csv"), HEADER + "\n" + String.join("\n", crm) + "\n");
        Files.writeString(base.resolve("web.jsonl"), String.join("\n", web) + "\n");
        IngestJob.run(spark, ContractLoader.loadAll(contracts.toString(), spark.sparkContext().hadoopConfiguration()),
                new IngestOptions(tables, runId, 0.5));
        new StandardizeAction(spark, tables, runId).execute();
        matchAndCluster(runId);
    }

    public void matchAndCluster(String runId) {
        new MatchAction(spark, new MatchAction.Options(tables, runId, false, MatchAction.Options.DEFAULT_MAX_BLOCK_SIZE, null)).execute();
        new ClusterAction(spark, new ClusterAction.Options(tables, runId, ClusterAction.Options.DEFAULT_MAX_CLUSTER_SIZE,
                ClusterAction.Options.DEFAULT_MAX_DRIVER_RECORDS)).execute();
    }

    /** Publishes golden records for the current clusters. */
    public void golden(String runId) {
        new io.customerhub.jobs.golden.GoldenAction(spark, new io.customerhub.jobs.golden.GoldenAction.Options(tables, runId,
                io.customerhub.matching.survivorship.SourceTrust.none(),
                io.customerhub.matching.survivorship.SurvivorshipSettings.defaults())).execute();
    }

    public ReviewBuildAction.Result build(String runId) {
        return new ReviewBuildAction(spark, new ReviewBuildAction.Options(tables, runId, ReviewItems.Suspicion.DEFAULT)).execute();
    }

    public Map<String, String> xref() {
        Map<String, String> ids = new HashMap<>();
        for (Row row : spark.read().format("delta").load(tables.xref()).collectAsList()) {
            ids.put(row.getAs("record_key"), row.getAs("golden_id"));
        }
        return ids;
    }

    public List<Row> pairs() {
        return spark.read().format("delta").load(tables.pairs()).collectAsList();
    }

    public List<ReviewItem> queue() {
        return ReviewQueue.read(spark, tables).collectAsList().stream().map(ReviewItem::fromRow).toList();
    }
}
