package io.customerhub.jobs.cli;

import io.customerhub.jobs.export.ExportAction;
import io.customerhub.jobs.spark.HubSpark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a hub table (quarantine, runs, bronze/<source>, and later records, pairs, xref, golden) as CSV or JSON Lines.")
public final class ExportCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "TABLE", description = "Table name, e.g. quarantine, runs, bronze/branch_crm, xref, golden.")
    String table;

    @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Output folder (local or Hadoop URI).")
    String out;

    @Option(names = "--hub-root", paramLabel = "URI", defaultValue = "${env:HUB_ROOT:-./hub-data}",
            description = "Hub root (env HUB_ROOT; default ${DEFAULT-VALUE}).")
    String hubRoot;

    @Option(names = "--run-id", paramLabel = "ID", description = "Only the rows of this run (tables with a run_id column).")
    String runId;

    @Option(names = "--partitions", defaultValue = "1", description = "Number of part files (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Override
    protected int run() {
        ExportAction.Format chosen = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> ExportAction.Format.CSV;
            case "jsonl", "json" -> ExportAction.Format.JSONL;
            default -> throw io.customerhub.jobs.HubException.of("--format " + format + " is unknown",
                    "exports are written as csv or jsonl", "pass --format csv or --format jsonl");
        };
        HubOptions options = new HubOptions();
        options.hubRoot = hubRoot;
        ExportAction.Result result = new ExportAction(HubSpark.session("hub-export"), options.tables())
                .export(table, chosen, out, runId, partitions, overwrite);
        System.out.printf("exported %d rows of %s to %s (%s)%n", result.rows(), result.table(), result.out(), chosen.name().toLowerCase(java.util.Locale.ROOT));
        return EXIT_OK;
    }
}
