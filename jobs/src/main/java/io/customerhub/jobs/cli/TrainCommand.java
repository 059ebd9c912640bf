package io.customerhub.jobs.cli;

import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.train.TrainAction;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the matching model on the current records (EM, no labels needed; steward decisions used as labels)",
                "and save it as a new version in the models table. The match step uses the latest promoted version."})
public final class TrainCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--max-block-size", defaultValue = "500", description = "Block size limit for the blocked pairs (default ${DEFAULT-VALUE}).")
    int maxBlockSize;

    @Option(names = "--no-promote", description = "Save the model without making it the one the nightly run uses.")
    boolean noPromote;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        TrainAction.Result r = new TrainAction(HubSpark.session("hub-train"), hub.tables(), hub.runId(), maxBlockSize, !noPromote).execute();
        System.out.printf(Locale.ROOT, "train: model %s from %,d random pairs (u), %,d blocked pairs (EM, %d iterations, %s, match share %.3f), %,d labelled pairs; %s%n",
                r.version(), r.randomPairs(), r.blockedPairs(), r.iterations(), r.converged() ? "converged" : "NOT converged",
                r.blockedMatchShare(), r.labelledPairs(), r.promoted() ? "promoted" : "not promoted");
        return EXIT_OK;
    }
}
