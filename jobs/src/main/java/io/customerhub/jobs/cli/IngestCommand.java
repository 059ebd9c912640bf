package io.customerhub.jobs.cli;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.ContractLoader;
import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.ingest.IngestAction;
import io.customerhub.jobs.ingest.IngestJob;
import io.customerhub.jobs.ingest.IngestOptions;
import io.customerhub.jobs.ingest.IngestResult;
import io.customerhub.jobs.spark.HubSpark;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read each source's extract, as its contract says, into bronze/<source>.",
                "Rows that cannot be accepted go to the quarantine table with a reason; counts go to the runs table.",
                "Exits 1 when a source exceeds its reject-rate limit, or its full snapshot would retire more than its",
                "max retired share of its current records (its bronze rows for this run are not published)."})
public final class IngestCommand extends HubCommand {

    @Mixin
    HubOptions hub;

    @Option(names = "--contracts", paramLabel = "PATH", required = true,
            description = "Directory of source contracts (*.json), or one contract file.")
    String contracts;

    @Option(names = "--source", paramLabel = "NAME", description = "Only these sources (repeatable; default: all).")
    List<String> sources;

    @Option(names = "--max-reject-rate", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "Fail a source when more than this fraction of its rows is quarantined (default ${DEFAULT-VALUE}; a contract's maxRejectRate wins).")
    double maxRejectRate;

    @Option(names = "--max-retired-share", paramLabel = "FRACTION",
            description = "For this run only: let a full snapshot retire up to this fraction of its source's current records"
                    + " (default: the contract's extract.maxRetiredShare, else 0.10).")
    Double maxRetiredShare;

    @Option(names = "--reread-unchanged",
            description = "Read an extract even when bronze already published the same one (same files, bytes and contract) in an earlier run; by default it is skipped.")
    boolean rereadUnchanged;

    @Override
    protected HubOptions writtenHub() {
        return hub;
    }

    @Override
    protected int run() {
        IngestOptions options = new IngestOptions(hub.tables(), hub.runId(), maxRejectRate, rereadUnchanged, maxRetiredShare);
        SparkSession spark = HubSpark.session("hub-ingest");
        List<LoadedContract> selected = select(ContractLoader.loadAll(contracts, spark.sparkContext().hadoopConfiguration()));
        List<IngestResult> results = IngestJob.run(spark, selected, options);
        System.out.println("ingest run " + options.runId() + " into " + options.tables().root());
        System.out.print(IngestJob.summary(results));
        List<IngestResult> failed = results.stream().filter(IngestResult::failed).toList();
        failed.stream().filter(IngestResult::rejectRateExceeded).forEach(r -> System.err.println("error: " + IngestAction.rejectMessage(r)
                + "\n  fix:   inspect `hub export quarantine`, correct the extract or the contract, then rerun with the same --run-id"));
        failed.stream().filter(IngestResult::snapshotRefused).forEach(r ->
                System.err.println("error: " + r.snapshotShrink().message(r.source())));
        return failed.isEmpty() ? EXIT_OK : EXIT_FAILED;
    }

    private List<LoadedContract> select(List<LoadedContract> all) {
        if (sources == null || sources.isEmpty()) {
            return all;
        }
        for (String wanted : sources) {
            if (all.stream().noneMatch(c -> c.contract().name().equals(wanted))) {
                throw HubException.of("no contract for source '" + wanted + "'", "--source names a source absent from " + contracts,
                        "use one of " + all.stream().map(c -> c.contract().name()).toList());
            }
        }
        return all.stream().filter(c -> sources.contains(c.contract().name())).toList();
    }
}
