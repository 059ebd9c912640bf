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

        MatchAction.Options options(HubOptions hub) {
            return new MatchAction.Options(hub.tables(), hub.runId(), full, maxBlockSize, settings);
        }
    }
}
