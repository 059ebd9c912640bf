package io.customerhub.jobs.cli;

import io.customerhub.jobs.cluster.ClusterAction;
import io.customerhub.jobs.cluster.ClusterResult;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.forget.ForgetAction;
import io.customerhub.jobs.golden.GoldenAction;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.ingest.IngestResult;
import io.customerhub.jobs.match.MatchAction;
import io.customerhub.jobs.match.MatchResult;
import io.customerhub.jobs.report.ReportAction;
import io.customerhub.jobs.spark.HubSpark;
import io.customerhub.jobs.standardize.StandardizeAction;
import io.customerhub.jobs.standardize.StandardizeResult;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"The whole nightly run in one JVM: ingest -> standardize -> match -> cluster -> golden -> review queue -> report.",
                "Stops before standardising when a source exceeds its reject-rate limit or sends a full snapshot that would retire",
                "more than its max retired share of its current records (nothing is published; exits 1)."})
public final class NightlyCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--contracts", paramLabel = "PATH", required = true, description = "Directory of source contracts.")
    String contracts;

    @Option(names = "--max-reject-rate", defaultValue = "0.05", description = "Reject-rate limit per source (default ${DEFAULT-VALUE}).")
    double maxRejectRate;

    @Option(names = "--max-retired-share", paramLabel = "FRACTION",
            description = "For this run only: let a full snapshot retire up to this fraction of its source's current records"
                    + " (default: each contract's extract.maxRetiredShare, else 0.10).")
    Double maxRetiredShare;

    @Option(names = "--reread-unchanged",
            description = "Read every extract, even one bronze already published unchanged (same files, bytes and contract) in an earlier run.")
    boolean rereadUnchanged;

    @Mixin
    MatchCommand.MatchOptions match;

    @Mixin
    ClusterCommand.ClusterOptions cluster;

    @Mixin
    GoldenCommand.GoldenOptions golden;

    @Mixin
    ReviewCommand.BuildOptions review;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        SparkSession spark = HubSpark.session("hub-nightly");
        return runAll(spark, hub, contracts, new IngestOptions(hub.tables(), hub.runId(), maxRejectRate, rereadUnchanged, maxRetiredShare), match, cluster, golden, review) ? EXIT_OK : EXIT_FAILED;
    }

    /** Runs every step, printing each summary with its duration; false when the quality gate stopped the run. */
    static boolean runAll(SparkSession spark, HubOptions hub, String contracts, IngestOptions ingestOptions,
                          MatchCommand.MatchOptions match, ClusterCommand.ClusterOptions cluster, GoldenCommand.GoldenOptions golden,
                          ReviewCommand.BuildOptions review) {
        long t0 = System.nanoTime();
        // An erasure a crash left half done is finished before anything else reads or writes the hub.
        ForgetAction.finishPending(spark, hub.tables(), hub.runId()).forEach(erasure -> System.out.print(ForgetCommand.summary(erasure)));
        List<IngestResult> ingested = IngestJob.run(spark,
                ContractLoader.loadAll(contracts, spark.sparkContext().hadoopConfiguration()), ingestOptions);
        System.out.print(IngestJob.summary(ingested));
        t0 = lap("ingest", t0);
        if (ingested.stream().anyMatch(IngestResult::rejectRateExceeded)) {
            System.err.println("error: a source exceeded its reject-rate limit; the run stops before standardize (nothing published)."
                    + "\n  fix:   inspect `hub export quarantine --run-id " + hub.runId() + "`, correct, rerun the same run id");
        }
        ingested.stream().filter(IngestResult::snapshotRefused).forEach(r ->
                System.err.println("error: " + r.snapshotShrink().message(r.source()) + "\n  the run stops before standardize"));
        if (ingested.stream().anyMatch(IngestResult::failed)) {
            report(spark, hub);
            return false;
        }
        StandardizeResult standardized = new StandardizeAction(spark, hub.tables(), hub.runId()).execute();
        System.out.println(Summaries.standardize(standardized));
        t0 = lap("standardize", t0);
        MatchResult matched = new MatchAction(spark, match.options(hub)).execute();
        System.out.println(Summaries.match(matched));
        t0 = lap("match", t0);
        ClusterResult clustered = new ClusterAction(spark, cluster.options(hub)).execute();
        System.out.println(Summaries.cluster(clustered));
        t0 = lap("cluster", t0);
        System.out.println(new GoldenAction(spark, golden.options(spark, hub, contracts)).execute().summary());
        t0 = lap("golden", t0);
        System.out.println(ReviewCommand.summary(new io.customerhub.jobs.review.ReviewBuildAction(spark, review.options(hub)).execute()));
        t0 = lap("review", t0);
        report(spark, hub);
        lap("report", t0);
        return true;
    }

    /** The run report, also when the quality gate stopped the run: its quarantine reasons say why. */
    private static void report(SparkSession spark, HubOptions hub) {
        System.out.println(ReportCommand.summary(new ReportAction(spark, new ReportAction.Options(hub.tables(), hub.runId(), null)).execute()));
    }

    private static long lap(String step, long since) {
        long now = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "  [%s took %.1f s]%n", step, (now - since) / 1e9);
        return now;
    }
}
