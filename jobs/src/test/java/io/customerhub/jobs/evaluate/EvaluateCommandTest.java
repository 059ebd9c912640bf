package io.customerhub.jobs.evaluate;

import io.customerhub.jobs.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.customerhub.jobs.cli.HubCommand;
import io.customerhub.jobs.spark.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvaluateCommandTest extends SparkTestBase {

    private static CliRun evaluate(String... args) {
        return CliRun.of(new EvaluateCommand(), args);
    }

    @Test
    void printsTheTableAndWritesJson() throws IOException {
        Path hub = tempDir.resolve("hub");
        EvaluateActionTest.writeHub(hub);
        Path truth = EvaluateActionTest.writeTruth(tempDir.resolve("truth.csv"));
        Path json = tempDir.resolve("out/result.json");

        CliRun outcome = evaluate("--truth", truth.toString(), "--hub-root", hub.toString(), "--json", json.toString());

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

        CliRun outcome = evaluate("--truth", truth.toString(), "--hub-root", tempDir.resolve("nothing").toString());

        assertThat(outcome.exitCode()).isEqualTo(HubCommand.EXIT_FAILED);
        assertThat(outcome.err()).contains("no xref table", "cause:", "fix:");
    }
}
