package io.customerhub.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.cli.HubCommand;
import io.customerhub.jobs.spark.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateCommandTest extends SparkTestBase {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome evaluate(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new EvaluateCommand()).execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsTheTableAndWritesJson() throws IOException {
        Path hub = tempDir.resolve("hub");
        EvaluateActionTest.writeHub(hub);
        Path truth = EvaluateActionTest.writeTruth(tempDir.resolve("truth.csv"));
        Path json = tempDir.resolve("out/result.json");

        Outcome outcome = evaluate("--truth", truth.toString(), "--hub-root", hub.toString(), "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(HubCommand.EXIT_OK);
        assertThat(outcome.out()).contains("6 evaluated", "pairwise", "0.5000", "B-cubed", "0.7778",
                "over-merged clusters (2+ people in one golden id): 1", "split people (one person over 2+ golden ids): 1");
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.get("pairwise_f1").asDouble()).isEqualTo(0.5);
        assertThat(figures.get("evaluated_records").asLong()).isEqualTo(6);
        assertThat(figures.get("labelled_not_clustered").asLong()).isEqualTo(1);
        assertThat(figures.get("over_merged_clusters").asLong()).isEqualTo(1);
        assertThat(figures.get("end_to_end_pairwise_f1").asDouble()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(outcome.out()).contains("end-to-end", "0.4000");
    }

    @Test
    void aMissingHubRootExitsOneWithProblemCauseAndFix() throws IOException {
        Path truth = EvaluateActionTest.writeTruth(tempDir.resolve("truth.csv"));

        Outcome outcome = evaluate("--truth", truth.toString(), "--hub-root", tempDir.resolve("nothing").toString());

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.err()).contains("no xref table", "cause:", "fix:");
    }
}
