package io.customerhub.jobs.cli;

import io.customerhub.jobs.match.BlockingReport;
import io.customerhub.jobs.spark.HubSpark;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "blocking-report", mixinStandardHelpOptions = true,
        description = "Show, per blocking rule, the candidate pairs it would produce on the current records and the blocks the size limit would skip.")
public final class BlockingReportCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--max-block-size", defaultValue = "500", description = "Block size limit (default ${DEFAULT-VALUE}).")
    int maxBlockSize;

    @Option(names = "--settings", paramLabel = "FILE", description = "Model settings JSON (default: the promoted model, else the defaults).")
    String settings;

    @Override
    protected int run() {
        List<BlockingReport.RuleFigures> figures = BlockingReport.compute(HubSpark.session("hub-blocking-report"), hub.tables(), maxBlockSize, settings);
        System.out.printf(Locale.ROOT, "%-34s %12s %10s %9s %14s %14s%n", "rule", "records", "blocks", "largest", "pairs", "capped blocks");
        long pairs = 0;
        for (BlockingReport.RuleFigures f : figures) {
            System.out.printf(Locale.ROOT, "%-34s %,12d %,10d %,9d %,14d %,8d (%,d records)%n", f.rule(), f.recordsWithKey(), f.blocks(),
                    f.largestBlock(), f.pairs(), f.cappedBlocks(), f.recordsInCappedBlocks());
            pairs += f.pairs();
        }
        System.out.printf(Locale.ROOT, "at most %,d candidate pairs (a pair produced by several rules is compared once)%n", pairs);
        return EXIT_OK;
    }
}
