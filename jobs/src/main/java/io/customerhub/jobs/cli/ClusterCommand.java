package io.customerhub.jobs.cli;

import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.cluster.ClusterResult;
import io.customerhub.jobs.spark.HubSpark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster linked records, honour steward decisions, assign persistent golden ids, write xref and golden_id_history.")
public final class ClusterCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Mixin
    ClusterOptions cluster;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        ClusterResult r = new ClusterAction(HubSpark.session("hub-cluster"), cluster.options(hub)).execute();
        System.out.println(Summaries.cluster(r));
        return EXIT_OK;
    }

    /** Options shared by cluster and nightly. */
    public static final class ClusterOptions {
        @Option(names = "--max-cluster-size", defaultValue = "50",
                description = "Refuse merges that would make a cluster larger than this (default ${DEFAULT-VALUE}).")
        int maxClusterSize;

        @Option(names = "--max-driver-records", defaultValue = "30000000",
                description = "Guard on the records clustered in the driver (default ${DEFAULT-VALUE}).")
        long maxDriverRecords;

        ClusterAction.Options options(HubOptions hub) {
            return new ClusterAction.Options(hub.tables(), hub.runId(), maxClusterSize, maxDriverRecords);
        }
    }
}
