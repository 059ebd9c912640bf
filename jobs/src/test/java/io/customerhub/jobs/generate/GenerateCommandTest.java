package io.customerhub.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.jobs.spark.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GenerateCommandTest extends SparkTestBase {

    @Test
    void printsCountsAndSpeedAndOverwritesOnlyWithForce() {
        spark(); // the command's HubSpark session then reuses the shared test session
        Path out = tempDir.resolve("demo");
        String[] args = {"--out", out.toString(), "--people", "150", "--seed", "7"};

        StringWriter first = new StringWriter();
        assertThat(command(first).execute(args)).isEqualTo(0);
        assertThat(first.toString()).contains("branch_crm", "call_centre", "web_accounts", "mobile_app", "records/s");
        assertThat(out.resolve("manifest.json")).exists();
        assertThat(out.resolve("contracts/branch_crm.json")).exists();

        assertThat(command(new StringWriter()).execute(args)).isEqualTo(2);

        StringWriter forced = new StringWriter();
        String[] forceArgs = {"--out", out.toString(), "--people", "150", "--seed", "7", "--force"};
        assertThat(command(forced).execute(forceArgs)).isEqualTo(0);
        assertThat(Files.isDirectory(out.resolve("mobile_app"))).isTrue();
    }

    private static CommandLine command(StringWriter out) {
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli;
    }
}
