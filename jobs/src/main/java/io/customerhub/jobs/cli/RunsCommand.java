package io.customerhub.jobs.cli;

import static org.apache.spark.sql.functions.col;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.table.RunsTable;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Show the runs table: counts and status per run, step and source.")
public final class RunsCommand extends HubCommand {

    @Option(names = "--hub-root", paramLabel = "URI", defaultValue = "${env:HUB_ROOT:-./hub-data}",
            description = "Hub root (env HUB_ROOT; default ${DEFAULT-VALUE}).")
    String hubRoot;

    @Option(names = "--run-id", paramLabel = "ID", description = "Only this run.")
    String runId;

    @Override
    protected int run() {
        HubOptions options = new HubOptions();
        options.hubRoot = hubRoot;
        SparkSession spark = HubSpark.session("hub-runs");
        if (!DeltaTable.isDeltaTable(spark, options.tables().runs())) {
            throw HubException.of("no runs under " + hubRoot, "no job has run against this hub root", "run `hub ingest` or `hub demo` first");
        }
        Dataset<Row> runs = RunsTable.read(spark, options.tables());
        if (runId != null) {
            runs = runs.where(col("run_id").equalTo(runId));
        }
        runs.orderBy(col("started_at"), col("step"), col("source"))
                .select("run_id", "step", "source", "status", "rows_read", "rows_accepted", "rows_quarantined", "started_at", "finished_at", "message")
                .show(1000, false);
        return EXIT_OK;
    }
}
