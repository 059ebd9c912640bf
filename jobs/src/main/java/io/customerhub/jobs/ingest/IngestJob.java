package io.customerhub.jobs.ingest;

import io.customerhub.jobs.contract.ContractLoader.LoadedContract;
import io.customerhub.jobs.table.RunsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

/**
 * Ingests several sources of one run side by side and formats their counts. Reading one extract
 * file is one Spark task, so sources in parallel keep every core busy; each source writes only its
 * own bronze table and quarantine partition, and the {@code runs} rows are written after, in order.
 */
public final class IngestJob {

    private IngestJob() {
    }

    public static List<IngestResult> run(SparkSession spark, List<LoadedContract> contracts, IngestOptions options) {
        if (contracts.size() < 2) {
            return contracts.stream().map(c -> new IngestAction(spark, c, options).execute()).toList();
        }
        IngestAction.ensureQuarantineTable(spark, options);
        // Twice the cores: a source reads each file in one task, so more sources than cores keep them all busy.
        int threads = Math.min(contracts.size(), Math.max(2, 2 * spark.sparkContext().defaultParallelism()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "ingest");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<IngestAction.Outcome>> running = new ArrayList<>();
            for (LoadedContract contract : contracts) {
                running.add(pool.submit(() -> new IngestAction(spark, contract, options).ingest()));
            }
            List<IngestAction.Outcome> outcomes = new ArrayList<>();
            RuntimeException failure = null;
            for (int i = 0; i < contracts.size(); i++) {
                try {
                    outcomes.add(outcome(running.get(i)));
                } catch (DeltaConcurrentModificationException e) {
                    // Another source's commit got in first where Delta could not tell them apart: this one again, alone.
                    outcomes.add(new IngestAction(spark, contracts.get(i), options).ingest());
                } catch (RuntimeException e) {
                    // The other sources still finish (each is idempotent per run); the first failure is raised after.
                    failure = failure == null ? e : failure;
                }
            }
            RunsTable.upsertAll(spark, options.tables(), outcomes.stream().map(IngestAction.Outcome::runRecord).toList());
            if (failure != null) {
                throw failure;
            }
            return outcomes.stream().map(IngestAction.Outcome::result).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static IngestAction.Outcome outcome(Future<IngestAction.Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a source's ingestion", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String status(IngestResult r) {
        if (r.rejectRateExceeded()) {
            return "FAILED (reject limit)";
        }
        return r.snapshotRefused() ? "FAILED (snapshot cut short?)" : "ok";
    }

    public static String summary(List<IngestResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %10s %10s %12s %8s  %s%n",
                "source", "read", "accepted", "quarantined", "reject%", "status"));
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        for (IngestResult r : results) {
            if (r.skippedAsUnchanged()) {
                out.append(String.format(Locale.ROOT, "%-16s %10s %10s %12s %8s  unchanged since run %s: not read%n",
                        r.source(), "-", "-", "-", "-", r.unchangedSinceRun()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-16s %10d %10d %12d %7.2f%%  %s%n", r.source(), r.read(), r.accepted(),
                    r.quarantined(), 100 * r.rejectRate(), status(r)));
            r.quarantinedByReason().forEach((reason, n) ->
                    out.append(String.format(Locale.ROOT, "    quarantined %-22s %8d%n", reason.name(), n)));
            if (r.suppressedErased() > 0) {
                out.append(String.format(Locale.ROOT, "    suppressed (erased records)     %8d%n", r.suppressedErased()));
            }
            r.warnings().forEach(w -> out.append("    warning: ").append(w).append('\n'));
            if (r.snapshotShrink() != null && r.snapshotShrink().retiring() > 0) {
                out.append(String.format(Locale.ROOT, "    retiring (absent from the snapshot) %6d of %d current records%n",
                        r.snapshotShrink().retiring(), r.snapshotShrink().currentRecords()));
            }
            read += r.read();
            accepted += r.accepted();
            quarantined += r.quarantined();
        }
        out.append(String.format(Locale.ROOT, "%-16s %10d %10d %12d   (read = accepted + quarantined: %s)%n",
                "total", read, accepted, quarantined, read == accepted + quarantined ? "yes" : "NO"));
        return out.toString();
    }
}
