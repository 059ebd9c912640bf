package io.customerhub.jobs.cli;

import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.match.MatchResult;
import io.customerhub.jobs.spark.HubSpark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Block, compare and score candidate pairs into the pairs table.",
                "Incremental by default: pairs with a record new or changed in this run, against all current records."})
public final class MatchCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Mixin
    MatchOptions match;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        MatchResult r = new MatchAction(HubSpark.session("hub-match"), match.options(hub)).execute();
        System.out.println(Summaries.match(r));
        return EXIT_OK;
    }

    /** Options shared by match and nightly. */
    public static final class MatchOptions {
        @Option(names = "--full", description = "Compare all current records, not only this run's new and changed ones.")
        boolean full;

        @Option(names = "--max-block-size", defaultValue = "500",
                description = "Skip (and report) blocks with more records than this, e.g. a common surname (default ${DEFAULT-VALUE}).")
        int maxBlockSize;

        @Option(names = "--settings", paramLabel = "FILE", description = "Model settings JSON (default: the promoted model, else the shipped defaults).")
        String settings;

        @Option(names = "--pairs-per-record", defaultValue = "20", paramLabel = "N",
                description = {"Candidate-pair budget: at most about N x records pairs (never capped below 2,000,000).",
                        "A rule over its share compares only its smaller blocks (default ${DEFAULT-VALUE})."})
        double pairsPerRecord;

        MatchAction.Options options(HubOptions hub) {
            if (!(pairsPerRecord > 0)) {
                throw io.customerhub.jobs.HubException.of("--pairs-per-record must be positive", "it bounds the candidate pairs per record",
                        "pass a number such as 20 (the default)");
            }
            return new MatchAction.Options(hub.tables(), hub.runId(), full, maxBlockSize, settings, pairsPerRecord);
        }
    }
}
