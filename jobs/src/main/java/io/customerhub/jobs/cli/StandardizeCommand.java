package io.customerhub.jobs.cli;

import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.standardize.StandardizeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "standardize", mixinStandardHelpOptions = true,
        description = "Standardise this run's bronze rows into the records table (new, changed and retired records are marked).")
public final class StandardizeCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        StandardizeResult r = new StandardizeAction(HubSpark.session("hub-standardize"), hub.tables(), hub.runId()).execute();
        System.out.println(Summaries.standardize(r));
        return EXIT_OK;
    }
}
