package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.generate.DemoDataGenerator;
import io.customerhub.jobs.generate.GeneratedData;
import io.customerhub.jobs.generate.GeneratorOptions;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.spark.HubSpark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate demo silos and run the whole nightly pipeline on them, on the embedded default",
                "(local Spark, Delta tables under --hub-root), then print a summary."})
public final class DemoCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Mixin
    MatchCommand.MatchOptions match;

    @Mixin
    ClusterCommand.ClusterOptions cluster;

    @Mixin
    GoldenCommand.GoldenOptions golden;

    @Mixin
    ReviewCommand.BuildOptions review;

    @Option(names = "--data", defaultValue = "./demo-data", description = "Where the demo silos are written (default ${DEFAULT-VALUE}); regenerated each time.")
    Path data;

    @Option(names = "--people", defaultValue = "10000", description = "Number of real people behind the silos (default ${DEFAULT-VALUE}).")
    long people;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        long started = System.nanoTime();
        SparkSession spark = HubSpark.session("hub-demo");
        GeneratedData generated = generate(spark);
        System.out.printf(Locale.ROOT, "generate: %,d records of %,d people in 4 silos -> %s (%.1f s)%n",
                generated.totalRecords(), generated.people(), data, generated.elapsed().toMillis() / 1000.0);

        boolean published = NightlyCommand.runAll(spark, hub, data.resolve(DemoDataGenerator.CONTRACTS_DIR).toString(),
                new IngestOptions(hub.tables(), hub.runId(), IngestOptions.DEFAULT_MAX_REJECT_RATE), match, cluster, golden, review);
        if (published) {
            showLookup(spark);
        }
        System.out.printf(Locale.ROOT, "demo finished in %.1f s; tables under %s. Explore: `bin/hub runs`, "
                        + "`bin/hub export golden --out /tmp/golden`, `bin/hub export quarantine --out /tmp/quarantine`%n",
                (System.nanoTime() - started) / 1e9, hub.tables().root());
        return published ? EXIT_OK : EXIT_FAILED;
    }

    /** A channel's lookup through the Spark-free reader: one customer known to several sources. */
    private void showLookup(SparkSession spark) {
        java.util.List<org.apache.spark.sql.Row> merged = spark.read().format("delta").load(hub.tables().xref())
                .where("cluster_size > 1").orderBy("record_key").select("source_system", "source_id").limit(1).collectAsList();
        if (merged.isEmpty()) {
            return;
        }
        io.customerhub.reader.GoldenReader reader = io.customerhub.reader.GoldenReader.open(hub.tables().root(),
                spark.sparkContext().hadoopConfiguration());
        reader.bySourceRecord(merged.get(0).getString(0), merged.get(0).getString(1)).ifPresent(found ->
                // Ids and counts only: the demo does not print customer values either.
                System.out.printf(Locale.ROOT, "lookup (Spark-free reader): a %s record -> golden id %s, %s records from %s; "
                                + "try `bin/hub lookup --golden-id %s`%n", merged.get(0).getString(0), found.row().goldenId(),
                        found.row().get("record_count"), found.row().get("source_systems"), found.row().goldenId()));
    }

    private GeneratedData generate(SparkSession spark) {
        try {
            DemoDataGenerator.deleteOutputs(data);
            return DemoDataGenerator.generate(spark, data, new GeneratorOptions(people, seed));
        } catch (IOException e) {
            throw HubException.of("cannot write demo data to " + data, e.getMessage(), "choose a writable folder with --data", e);
        }
    }
}
