package io.customerhub.jobs.cli;

import io.customerhub.jobs.match.BlockingReport;
import io.customerhub.jobs.spark.HubSpark;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "blocking-report", mixinStandardHelpOptions = true,
        description = "Show, per blocking rule, the candidate pairs it would produce on the current records, its block-size cap and the blocks the cap would skip.")
public final class BlockingReportCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--max-block-size", defaultValue = "500", description = "Block size limit (default ${DEFAULT-VALUE}).")
    int maxBlockSize;

    @Option(names = "--pairs-per-record", defaultValue = "20", paramLabel = "N",
            description = "Candidate-pair budget per record, as for match (default ${DEFAULT-VALUE}).")
    double pairsPerRecord;

    @Option(names = "--settings", paramLabel = "FILE", description = "Model settings JSON (default: the promoted model, else the defaults).")
    String settings;

    @Override
    protected int run() {
        List<BlockingReport.RuleFigures> figures = BlockingReport.compute(HubSpark.session("hub-blocking-report"), hub.tables(), maxBlockSize,
                pairsPerRecord, settings);
        System.out.printf(Locale.ROOT, "%-34s %12s %10s %9s %6s %14s %14s%n", "rule", "records", "blocks", "largest", "cap", "pairs",
                "capped blocks");
        long pairs = 0;
        for (BlockingReport.RuleFigures f : figures) {
            System.out.printf(Locale.ROOT, "%-34s %,12d %,10d %,9d %,6d %,14d %,8d (%,d records)%n", f.rule(), f.recordsWithKey(), f.blocks(),
                    f.largestBlock(), f.cap(), f.pairs(), f.cappedBlocks(), f.recordsInCappedBlocks());
            pairs += f.pairs();
        }
        System.out.printf(Locale.ROOT, "at most %,d candidate pairs (a pair produced by several rules is compared once)%n", pairs);
        return EXIT_OK;
    }
}
