package io.customerhub.jobs.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.customerhub.jobs.HubException;
import io.customerhub.jobs.cli.HubCommand;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.table.HubTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score the hub's clustering (xref: record -> golden id) against a truth file with a person id per record.",
                "Prints pairwise and B-cubed precision/recall/F1, over-merged clusters and split people; records on one side only are counted, not scored."})
public final class EvaluateCommand extends HubCommand {

    @Option(names = "--truth", required = true, paramLabel = "FILE",
            description = "CSV with header source_system,source_id,person_id (as the demo generator's truth.csv).")
    String truth;

    @Option(names = "--hub-root", paramLabel = "URI", defaultValue = "${env:HUB_ROOT:-./hub-data}",
            description = "Hub root holding the xref table (env HUB_ROOT; default ${DEFAULT-VALUE}).")
    String hubRoot;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON to this file.")
    Path json;

    @Override
    protected int run() {
        EvaluationResult result = EvaluateAction.evaluate(HubSpark.session("hub-evaluate"), new HubTables(hubRoot), truth);
        System.out.print(EvaluationReport.table(result));
        if (json != null) {
            writeJson(result);
            System.out.println("figures written to " + json);
        }
        return EXIT_OK;
    }

    private void writeJson(EvaluationResult result) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), EvaluationReport.json(result));
        } catch (IOException e) {
            throw HubException.of("cannot write " + json, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "pass --json with a writable file path", e);
        }
    }

    /** Runs the command on its own, until it is registered as `hub evaluate`. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }
}
