package io.customerhub.jobs.generate;

import io.customerhub.jobs.spark.HubSpark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hub generate}: writes demo silos, ground truth, manifest and contracts. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate demo data: N people spread over 4 silos (CSV ISO-8859-1, CSV UTF-8, JSONL, Parquet) "
                + "with realistic noise, hard negatives and a few bad rows, plus truth.csv, manifest.json and contracts/.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).", defaultValue = "./demo-data")
    Path out;

    @Option(names = "--people", description = "Number of real people (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    long people;

    @Option(names = "--seed", description = "Random seed; same seed and size give the same files (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(names = "--force", description = "Overwrite the files of a previous run in the output directory.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (people < 1) {
            stderr.println("--people must be at least 1");
            return 2;
        }
        List<Path> existing = DemoDataGenerator.existingOutputs(out);
        if (!existing.isEmpty()) {
            if (!force) {
                stderr.println(out + " already holds demo data (" + existing.get(0).getFileName() + "); use --force to overwrite");
                return 2;
            }
            DemoDataGenerator.deleteOutputs(out);
        }
        SparkSession spark = HubSpark.session("hub-generate");
        GeneratedData data = DemoDataGenerator.generate(spark, out, new GeneratorOptions(people, seed));
        stdout.printf(Locale.ROOT, "Generated %d people into %s%n", data.people(), out.toAbsolutePath().normalize());
        for (SourceSystem source : SourceSystem.values()) {
            Map<BadRowKind, Long> bad = data.badRowsPerSource().get(source);
            long badCount = bad.values().stream().mapToLong(Long::longValue).sum();
            stdout.printf(Locale.ROOT, "  %-13s %,10d records (%d bad rows)%n", source.systemName(),
                    data.recordsPerSource().get(source), badCount);
        }
        stdout.printf(Locale.ROOT, "  %-13s %,10d records (%d bad rows, %.2f%%)%n", "total", data.totalRecords(),
                data.totalBadRows(), 100.0 * data.totalBadRows() / Math.max(1, data.totalRecords()));
        stdout.printf(Locale.ROOT, "Done in %.1f s (%,.0f records/s)%n", data.elapsed().toMillis() / 1000.0,
                data.recordsPerSecond());
        stdout.flush();
        return 0;
    }
}
