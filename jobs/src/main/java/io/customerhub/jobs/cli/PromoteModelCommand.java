package io.customerhub.jobs.cli;

import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.train.ModelPromotion;
import io.customerhub.jobs.train.PromotionChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote-model", mixinStandardHelpOptions = true,
        description = {"Compare a trained model with the one in use and promote it (the weekly retrain's gate).",
                "With enough active steward decisions the F1 on them decides; otherwise label-free checks: sane m/u and little",
                "drift of the LINK decisions on a fixed sample of blocked pairs. The verdict and its reasons go to the runs table",
                "(step promote_model)."})
public final class PromoteModelCommand extends HubCommand {

    /** Exit code with --fail-if-worse when the candidate was not promoted. */
    public static final int EXIT_NOT_PROMOTED = 3;

    @Mixin
    HubOptions hub;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "Model version to promote (default: the model trained last with this --run-id).")
    String version;

    @Option(names = "--if-not-worse", description = "Promote only when the candidate is not worse than the model in use.")
    boolean ifNotWorse;

    @Option(names = "--fail-if-worse", description = "With --if-not-worse: exit " + EXIT_NOT_PROMOTED + " when the candidate is not promoted.")
    boolean failIfWorse;

    @Option(names = "--sample-pairs", defaultValue = "20000",
            description = "Blocked pairs (a fixed hash sample of the pairs table) for the drift check (default ${DEFAULT-VALUE}).")
    long samplePairs;

    @Option(names = "--max-drift", defaultValue = "0.05",
            description = "Largest share of sampled pairs whose LINK decision may change without labels (default ${DEFAULT-VALUE}).")
    double maxDrift;

    @Option(names = "--min-labelled-pairs", defaultValue = "50",
            description = "Steward decisions (of both kinds) needed for the labels to decide (default ${DEFAULT-VALUE}).")
    long minLabelledPairs;

    @Option(names = "--f1-tolerance", defaultValue = "0.01",
            description = "How much lower the candidate's F1 on the labels may be (default ${DEFAULT-VALUE}).")
    double f1Tolerance;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        ModelPromotion.Result r = new ModelPromotion(HubSpark.session("hub-promote-model"),
                new ModelPromotion.Options(hub.tables(), hub.runId(), version, ifNotWorse, samplePairs,
                        new PromotionChecks.Limits(maxDrift, minLabelledPairs, f1Tolerance))).execute();
        System.out.println("promote-model: candidate " + r.candidateVersion() + " vs " + r.baselineVersion() + ": "
                + (r.verdict().notWorse() ? "not worse" : "WORSE") + " (" + r.verdict().basis() + "); "
                + (r.promoted() ? "promoted" : "not promoted, " + r.baselineVersion() + " stays in use"));
        r.verdict().reasons().forEach(reason -> System.out.println("  " + reason));
        return !r.promoted() && failIfWorse ? EXIT_NOT_PROMOTED : EXIT_OK;
    }
}
