package io.customerhub.jobs.cli;

import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.ingest.SampleCheck;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check-contract", mixinStandardHelpOptions = true,
        description = {"Validate a source contract, then read a sample with it (csv, jsonl) and count what would be accepted or quarantined.",
                "Exits 1 when the contract is invalid or a sample row would be quarantined."})
public final class CheckContractCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The contract (JSON).")
    String contractFile;

    @Option(names = "--sample", paramLabel = "PATH", description = "A sample extract file (default: the first file the contract's path names, if it exists).")
    String sample;

    @Option(names = "--limit", defaultValue = "10000", description = "Rows of the sample to check (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int run() {
        Configuration conf = new Configuration();
        LoadedContract loaded = ContractLoader.load(contractFile, conf);
        System.out.println("contract " + contractFile + ": valid (source '" + loaded.contract().name() + "', "
                + loaded.contract().fields().size() + " mapped columns)");
        String samplePath = sample != null ? sample : firstExtractFile(loaded, conf);
        if (samplePath == null) {
            System.out.println("no sample given and no extract at " + loaded.extractPath() + ": only the contract was checked");
            return EXIT_OK;
        }
        SampleCheck.Report report = SampleCheck.check(loaded.contract(), samplePath, limit, conf);
        System.out.printf("sample %s: %d rows read, %d accepted, %d quarantined%n", samplePath, report.read(), report.accepted(),
                report.read() - report.accepted());
        report.quarantined().forEach((reason, n) -> System.out.printf("  quarantined %-22s %6d  e.g. %s%n", reason, n,
                report.firstDetail().get(reason)));
        report.warnings().forEach((warning, n) -> System.out.printf("  warning (%d rows): %s%n", n, warning));
        return report.read() == report.accepted() ? EXIT_OK : EXIT_FAILED;
    }

    private static String firstExtractFile(LoadedContract loaded, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(loaded.extractPath());
            org.apache.hadoop.fs.FileStatus[] matches = pattern.getFileSystem(conf).globStatus(pattern);
            if (matches == null) {
                return null;
            }
            return List.of(matches).stream().filter(org.apache.hadoop.fs.FileStatus::isFile).map(s -> s.getPath().toString())
                    .sorted().findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
